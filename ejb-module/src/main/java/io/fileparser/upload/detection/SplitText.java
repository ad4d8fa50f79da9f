package io.fileparser.upload.detection;

import io.fileparser.upload.detection.CsvSniffer.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A text being sniffed and its records by delimiter, each split once ({@link CsvSniffer#records}):
 * the CSV sniffer, the CDR sniffer and the Asterisk dialect all read the comma-split records of one
 * head, which used to be split for each of them. Read-only for its readers; one detection's, not
 * shared between threads.
 */
final class SplitText {

  private final String text;
  private final boolean truncated;
  private final Map<Character, List<List<Field>>> records = new HashMap<>();

  /**
   * @param truncated whether the file continues after {@code text}, so its last line may be cut
   */
  SplitText(String text, boolean truncated) {
    this.text = text;
    this.truncated = truncated;
  }

  String text() {
    return text;
  }

  boolean truncated() {
    return truncated;
  }

  /** The text's records split by {@code delimiter}, as {@link CsvSniffer#records} splits them. */
  List<List<Field>> records(char delimiter) {
    return records.computeIfAbsent(
        delimiter, d -> List.copyOf(CsvSniffer.records(text, d, truncated)));
  }
}
