package io.fileparser.jobs;

import java.io.IOException;
import java.util.List;

/**
 * One page of a job's parsed records: each record is one JSON object as the worker wrote it, read
 * from storage one at a time as the page is written out (never held as a whole); {@code fields}
 * names the columns in order, {@code next} is the cursor of the next page or null.
 */
public record ResultPage(Records records, List<String> fields, String next) {

  /** The page's records, handed over one at a time, in order. */
  @FunctionalInterface
  public interface Records {
    void each(RecordSink sink) throws IOException;
  }

  /** Takes one record. */
  @FunctionalInterface
  public interface RecordSink {
    void accept(String record) throws IOException;
  }

  /** A page of records already at hand. */
  public static ResultPage of(List<String> records, List<String> fields, String next) {
    return new ResultPage(
        sink -> {
          for (String record : records) {
            sink.accept(record);
          }
        },
        fields,
        next);
  }
}
