package io.fileparser.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Pages over an NDJSON records file by byte offsets: one pass finds where a page ends (at most
 * {@code limit} records and, past its first record, at most {@code maxBytes}), another hands its
 * records out one by one. Neither holds more than one record in memory.
 */
final class RecordPages {

  /** Where a page that starts at a given offset ends, and whether records follow it. */
  record Bounds(long end, boolean more) {}

  private RecordPages() {}

  /**
   * Reads from {@code offset} (where {@code in} is positioned) to find the page's end.
   *
   * @throws IOException if a record is longer than {@code maxRecordBytes}, or reading fails
   */
  static Bounds bounds(InputStream in, long offset, int limit, long maxBytes, int maxRecordBytes)
      throws IOException {
    long position = offset;
    long end = offset;
    long pageBytes = 0;
    int records = 0;
    long lineStart = offset;
    int lineLength = 0;
    int b;
    while (true) {
      b = in.read();
      if (b == -1 || b == '\n') {
        long lineBytes = position + (b == -1 ? 0 : 1) - lineStart;
        if (lineLength > 0) {
          if (records == limit || (records > 0 && pageBytes + lineBytes > maxBytes)) {
            return new Bounds(end, true);
          }
          records++;
          pageBytes += lineBytes;
        }
        if (b == -1) {
          return new Bounds(lineLength > 0 ? position : end, false);
        }
        position++;
        end = lineLength > 0 ? position : end;
        lineStart = position;
        lineLength = 0;
      } else {
        if (++lineLength > maxRecordBytes) {
          throw new IOException("a record is longer than " + maxRecordBytes + " bytes");
        }
        position++;
      }
    }
  }

  /** Hands out the non-empty lines of the next {@code length} bytes of {@code in}. */
  static void each(InputStream in, long length, ResultPage.RecordSink sink) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (long read = 0; read < length; read++) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("the records ended " + (length - read) + " bytes early");
      }
      if (b == '\n') {
        emit(line, sink);
      } else {
        line.write(b);
      }
    }
    emit(line, sink);
  }

  private static void emit(ByteArrayOutputStream line, ResultPage.RecordSink sink)
      throws IOException {
    if (line.size() > 0) {
      sink.accept(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
