package io.fileparser.upload.detection;

/**
 * The shape of a delimited text file as guessed by {@link CsvSniffer}. Fields are always taken to
 * be quoted with double quotes, a quote inside a quoted field being doubled.
 *
 * @param delimiter the field separator: one of {@code , ; \t |}
 * @param hasHeader whether the first record is more likely column names than data
 * @param columns the number of fields most records have
 */
public record CsvDialect(char delimiter, boolean hasHeader, int columns) {}
