package io.fileparser.upload.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link TextRecords} as it was before its bulk fast paths (issue 11): every byte through the
 * per-byte rules. Kept only as the oracle the differential tests compare the fast version with; the
 * rules it implements are described on {@link TextRecords}.
 */
final class ByteByByteRecords {

  /** Enough for a timestamp or a column name, the only values callers look at. */
  static final int MAX_CAPTURED_BYTES = 256;

  /** Capture every field of the record, not just one column. */
  static final int ALL_COLUMNS = -2;

  private static final int NO_COLUMN = -1;
  private static final int[] BOM = {0xEF, 0xBB, 0xBF};
  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final int delimiter;
  private final ValidationLimits limits;
  private final ByteByByteEncodingCheck encoding = new ByteByByteEncodingCheck();
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private int limit;
  private boolean endOfInput;
  private String encodingName;

  private int capture = NO_COLUMN;
  private final List<String> captured = new ArrayList<>();
  private final byte[] value = new byte[MAX_CAPTURED_BYTES];
  private int valueLength;

  private long offset;
  private int bomBytes;
  private long line = 1;
  private boolean afterCr;
  private boolean inQuotes;
  private boolean quotePending;
  private boolean fieldQuoted;
  private boolean fieldOnlySpaces = true;
  private boolean recordBlank = true;
  private boolean recordStarted;
  private int fields = 1;
  private long recordBytes;
  private long recordChars;
  private long recordLine = 1;
  private boolean recordReady;

  private int readyFields;
  private long readyLine;
  private long readyChars;

  /**
   * @param delimiter the field separator, or {@code -1} for fixed-width lines
   */
  ByteByByteRecords(InputStream in, int delimiter, ValidationLimits limits) {
    this.in = in;
    this.delimiter = delimiter;
    this.limits = limits;
  }

  /**
   * Keeps the value of one column (0-based) of each record from now on, or of {@link #ALL_COLUMNS},
   * or of none ({@code -1}).
   */
  void capture(int column) {
    this.capture = column;
  }

  /**
   * Advances to the next non-blank record.
   *
   * @return false at the end of the file, whose encoding has then been checked
   * @throws ValidationFailure {@code csv_encoding}, {@code csv_line_too_long} or {@code
   *     csv_too_many_columns}
   */
  boolean next() throws IOException {
    captured.clear();
    while (true) {
      while (position < limit) {
        consume(buffer[position++] & 0xFF);
        if (recordReady) {
          recordReady = false;
          return true;
        }
      }
      if (endOfInput) {
        return false;
      }
      fill();
      if (limit < 0) {
        endOfInput = true;
        limit = 0;
        encodingName = encoding.finish();
        endRecord(!recordStarted || (recordBlank && !fieldQuoted));
        if (recordReady) {
          recordReady = false;
          return true;
        }
      }
    }
  }

  /** How many fields the current record has. */
  int fields() {
    return readyFields;
  }

  /** The 1-based line the current record starts on. */
  long line() {
    return readyLine;
  }

  /**
   * The current record's length in characters, counted as UTF-8 (bytes that do not continue a
   * sequence); exact for UTF-8 and ASCII, close for the single-byte encodings.
   */
  long chars() {
    return readyChars;
  }

  /** The captured values of the current record, in column order. */
  List<String> captured() {
    return captured;
  }

  /** The file's encoding; known once {@link #next()} has returned false. */
  String encoding() {
    return encodingName;
  }

  private void fill() throws IOException {
    position = 0;
    limit = in.read(buffer, 0, buffer.length);
    if (limit > 0) {
      encoding.feed(buffer, 0, limit);
    }
  }

  private void consume(int b) {
    boolean crlf = afterCr && b == '\n';
    afterCr = false;
    long at = offset++;
    if (at == bomBytes && at < BOM.length && b == BOM[(int) at]) {
      bomBytes++;
      return; // A UTF-8 BOM is not part of the first field.
    }
    if (quotePending) {
      quotePending = false;
      if (b == '"') {
        append(b);
        return;
      }
      inQuotes = false;
    }
    if (inQuotes) {
      if (b == '"') {
        quotePending = true;
        grow(b);
        return;
      }
      if (b == '\r' || (b == '\n' && !crlf)) {
        line++;
      }
      afterCr = b == '\r';
      append(b);
      return;
    }
    if (b == '\n' || b == '\r') {
      if (crlf) {
        return;
      }
      afterCr = b == '\r';
      line++;
      endRecord(recordBlank && !fieldQuoted);
      return;
    }
    if (b == '"' && delimiter >= 0 && !fieldQuoted && fieldOnlySpaces) {
      fieldQuoted = true;
      inQuotes = true;
      recordBlank = false;
      valueLength = 0;
      grow(b);
      return;
    }
    if (b == delimiter) {
      endField();
      fields++;
      recordBlank = false;
      if (fields > limits.maxCsvColumns()) {
        throw new ValidationFailure(
            ValidationFailure.CSV_TOO_MANY_COLUMNS,
            "the record on line "
                + recordLine
                + " has more than "
                + limits.maxCsvColumns()
                + " columns, the most accepted",
            Map.of("line", recordLine, "maxColumns", limits.maxCsvColumns()));
      }
      grow(b);
      return;
    }
    fieldOnlySpaces &= b == ' ';
    recordBlank &= isBlank(b);
    append(b);
  }

  private void append(int b) {
    if (isCaptured() && valueLength < value.length) {
      value[valueLength++] = (byte) b;
    }
    grow(b);
  }

  private void grow(int b) {
    if (!recordStarted) {
      recordStarted = true;
      recordLine = line;
    }
    recordBytes++;
    if ((b & 0xC0) != 0x80) {
      recordChars++;
    }
    if (recordBytes > limits.maxCsvLineBytes()) {
      String hint =
          inQuotes
              ? "; the limit was reached inside a quoted field, so check for a quote that is"
                  + " never closed"
              : "";
      throw new ValidationFailure(
          ValidationFailure.CSV_LINE_TOO_LONG,
          "the record starting on line "
              + recordLine
              + " is longer than "
              + limits.maxCsvLineBytes()
              + " bytes"
              + hint,
          Map.of(
              "line",
              recordLine,
              "maxLineBytes",
              limits.maxCsvLineBytes(),
              "insideQuotedField",
              inQuotes));
    }
  }

  private boolean isCaptured() {
    return capture == ALL_COLUMNS || capture == fields - 1;
  }

  private void endField() {
    if (isCaptured()) {
      captured.add(new String(value, 0, valueLength, StandardCharsets.UTF_8));
    }
    valueLength = 0;
    fieldQuoted = false;
    fieldOnlySpaces = true;
  }

  private void endRecord(boolean blank) {
    if (!blank) {
      endField();
      readyFields = fields;
      readyLine = recordLine;
      readyChars = recordChars;
      recordReady = true;
    } else {
      captured.clear();
    }
    valueLength = 0;
    fieldQuoted = false;
    fieldOnlySpaces = true;
    inQuotes = false;
    quotePending = false;
    recordBlank = true;
    recordStarted = false;
    fields = 1;
    recordBytes = 0;
    recordChars = 0;
  }

  /** Whitespace as {@code String.isBlank} sees it in the bytes the sniffer decoded. */
  private static boolean isBlank(int b) {
    return b == ' ' || b == '\t' || b == 0x0B || b == '\f' || (b >= 0x1C && b <= 0x1F);
  }
}
