package io.fileparser.upload.detection;

import io.fileparser.files.entity.FileFormat;

/**
 * What {@link ContentSniffer} recognised in the head of an upload.
 *
 * @param mimeType the detected media type, never null ({@code application/octet-stream} when
 *     nothing better is known)
 * @param format the accepted format, or null when the content is not one we accept
 * @param layout the CDR layout name (see {@link CdrSniffer}) when {@code format} is {@link
 *     FileFormat#CDR}, otherwise null
 * @param dialect the shape of a CSV file or of a delimited CDR layout (for {@value
 *     CdrSniffer#ASTERISK_MASTER_CSV} the one the layout fixes), otherwise null
 */
public record Detection(String mimeType, FileFormat format, String layout, CsvDialect dialect) {

  public Detection(String mimeType, FileFormat format, String layout) {
    this(mimeType, format, layout, null);
  }

  public boolean isSupported() {
    return format != null;
  }
}
