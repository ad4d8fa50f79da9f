package io.fileparser.upload.validation;

import io.fileparser.upload.detection.CsvDialect;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a whole CSV file in one streaming pass against the dialect {@code CsvSniffer} found in its
 * head, since a head of 64 KiB says nothing about row ten million. Memory stays bounded whatever
 * the file size: records are counted, not kept (see {@link TextRecords}).
 *
 * <p>The expected field count is the dialect's, which is the most common count in the head. Every
 * record (the header too) with another count is ragged; a few are tolerated, because exports with a
 * stray short line are common and the parser can report them per row, but past {@link
 * ValidationLimits#csvRaggedTolerance()} of all records the file does not keep to one table and is
 * refused. Measuring against the head's count rather than the whole file's most common count is the
 * stricter choice: a body whose tables change shape after the head is refused, not re-interpreted.
 *
 * <p>Instances are stateless and safe to share between threads.
 */
public class CsvValidator {

  /**
   * Reads {@code content} to its end and checks every record.
   *
   * @param content the stored bytes of the file; not closed here
   * @throws ValidationFailure {@code csv_encoding}, {@code csv_too_many_columns}, {@code
   *     csv_line_too_long} or {@code csv_ragged_rows}
   * @throws IOException when reading {@code content} fails
   */
  public CsvFacts validate(InputStream content, CsvDialect dialect, ValidationLimits limits)
      throws IOException {
    TextRecords records = new TextRecords(content, dialect.delimiter(), limits);
    int expected = dialect.columns();
    long checked = 0;
    long ragged = 0;
    long firstRaggedLine = -1;
    int firstRaggedColumns = 0;
    while (records.next()) {
      checked++;
      if (records.fields() != expected) {
        ragged++;
        if (firstRaggedLine < 0) {
          firstRaggedLine = records.line();
          firstRaggedColumns = records.fields();
        }
      }
    }
    if (ragged > limits.csvRaggedTolerance() * checked) {
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("expectedColumns", expected);
      facts.put("raggedRows", ragged);
      facts.put("rowsChecked", checked);
      facts.put("firstRaggedLine", firstRaggedLine);
      throw new ValidationFailure(
          ValidationFailure.CSV_RAGGED_ROWS,
          ragged
              + " of "
              + checked
              + " records do not have "
              + expected
              + " columns (the first is line "
              + firstRaggedLine
              + ", with "
              + firstRaggedColumns
              + "); at most "
              + percent(limits.csvRaggedTolerance())
              + " may differ. Check that every row has the same number of fields and that"
              + " quotes are closed",
          facts);
    }
    long rows = dialect.hasHeader() ? Math.max(0, checked - 1) : checked;
    return new CsvFacts(rows, expected, records.encoding(), ragged);
  }

  /** A share as a percentage for messages: 0.02 as {@code 2%}, 0.025 as {@code 2.5%}. */
  static String percent(double share) {
    double rounded = Math.round(share * 1000) / 10.0;
    return BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString() + "%";
  }
}
