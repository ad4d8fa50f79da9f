package io.fileparser.upload.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a text file record by record in one pass, with memory bounded by a fixed buffer whatever
 * the file size: fields are counted, not kept, except the few a caller asks to see (cut to {@link
 * #MAX_CAPTURED_BYTES}). Every byte also passes through an {@link EncodingCheck}.
 *
 * <p>Records are split as {@code CsvSniffer} splits them, so the whole file is judged by the rules
 * its head was: a line ends at LF, CR or CRLF; blank lines are skipped; a double quote opens a
 * quoted field only at the start of a field (after optional spaces), and inside it delimiters, line
 * breaks and doubled quotes are data. The structure can be read from bytes before the encoding is
 * known because delimiters, quotes and line breaks are ASCII, which no byte of a multi-byte UTF-8
 * sequence is, and which windows-1252 and Latin-1 encode alike.
 *
 * <p>Without a delimiter (fixed-width files) each non-blank line is one record and quotes are data.
 */
final class TextRecords {

  /** Enough for a timestamp or a column name, the only values callers look at. */
  static final int MAX_CAPTURED_BYTES = 256;

  /** Capture every field of the record, not just one column. */
  static final int ALL_COLUMNS = -2;

  private static final int NO_COLUMN = -1;
  private static final int[] BOM = {0xEF, 0xBB, 0xBF};
  private static final int BUFFER_SIZE = 64 * 1024;

  /**
   * Byte kinds for the fast scan: data that starts a character, data that continues one, or not
   * data.
   */
  private static final byte CHARACTER = 0;

  private static final byte CONTINUATION = 1;
  private static final byte STOP = 2;
  private static final byte[] QUOTED_KINDS = kinds(-1);

  private final byte[] plainKinds;
  private final InputStream in;
  private final int delimiter;
  private final ValidationLimits limits;
  private final EncodingCheck encoding = new EncodingCheck();
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private int position;
  private int limit;
  private boolean endOfInput;
  private String encodingName;

  private int capture = NO_COLUMN;
  private final List<String> captured = new ArrayList<>();
  private final byte[] value = new byte[MAX_CAPTURED_BYTES];
  private int valueLength;
  private int readyValueLength = -1;

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
  TextRecords(InputStream in, int delimiter, ValidationLimits limits) {
    this.in = in;
    this.delimiter = delimiter;
    this.limits = limits;
    this.plainKinds = kinds(delimiter);
  }

  /** The kind of each byte inside quotes ({@code -1}) or outside them, with this delimiter. */
  private static byte[] kinds(int delimiter) {
    byte[] kinds = new byte[256];
    for (int b = 0; b < 256; b++) {
      kinds[b] = (b & 0xC0) == 0x80 ? CONTINUATION : CHARACTER;
    }
    kinds['"'] = STOP;
    kinds['\n'] = STOP;
    kinds['\r'] = STOP;
    if (delimiter >= 0) {
      kinds[delimiter] = STOP;
    }
    return kinds;
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
    readyValueLength = -1;
    while (true) {
      while (position < limit) {
        if (!quotePending && offset >= BOM.length) {
          position = scan(position);
          if (position == limit) {
            break;
          }
        }
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

  /**
   * Does what {@link #consume} would for the bytes from {@code from} up to a line break, a doubled
   * quote, a quote that is data or one whose follower is in the next buffer, or the line length
   * limit; those it leaves to {@code consume}. Runs of data bytes are taken in bulk, delimiters and
   * the quotes around a field on the way. Called with no BOM byte ahead and no quote pending.
   *
   * @return the position of the first byte not taken
   */
  private int scan(int from) {
    int at = from;
    while (at < limit) {
      at = inQuotes ? skipQuotedRun(at) : skipPlainRun(at);
      if (at == limit) {
        return at;
      }
      int b = buffer[at] & 0xFF;
      if (inQuotes) {
        if (b != '"' || at + 1 == limit) {
          return at;
        }
        offset++;
        afterCr = false;
        grow(b);
        if (buffer[at + 1] == '"') {
          // A doubled quote: the second is data, as consume takes it with the first pending.
          at++;
          offset++;
          append(b);
        } else {
          // The closing quote: what consume does for the next byte with the quote pending.
          inQuotes = false;
        }
      } else if (b == '"' && delimiter >= 0 && !fieldQuoted && fieldOnlySpaces) {
        offset++;
        afterCr = false;
        openQuotes(b);
      } else if (b == delimiter) {
        offset++;
        afterCr = false;
        delimit(b);
      } else {
        return at;
      }
      at++;
    }
    return at;
  }

  /**
   * Takes in at once the bytes from {@code from} that {@link #consume} would only count and keep
   * outside quotes: all but the delimiter, a quote and a line break. Stops early where the record
   * would pass the line length limit, so that {@code consume} throws on the byte that passes it.
   *
   * @return the position of the first byte not taken
   */
  private int skipPlainRun(int from) {
    int end = runEnd(from);
    int at = from;
    int continuations = 0;
    while (at < end) {
      int kind = plainKinds[buffer[at] & 0xFF];
      if (kind == STOP) {
        break;
      }
      continuations += kind;
      at++;
    }
    if (at > from) {
      if (fieldOnlySpaces) {
        for (int i = from; i < at && fieldOnlySpaces; i++) {
          fieldOnlySpaces = buffer[i] == ' ';
        }
      }
      if (recordBlank) {
        for (int i = from; i < at && recordBlank; i++) {
          recordBlank = isBlank(buffer[i] & 0xFF);
        }
      }
      took(from, at, continuations);
    }
    return at;
  }

  /** Like {@link #skipPlainRun} inside quotes, where only a quote or a line break is not data. */
  private int skipQuotedRun(int from) {
    int end = runEnd(from);
    int at = from;
    int continuations = 0;
    while (at < end) {
      int kind = QUOTED_KINDS[buffer[at] & 0xFF];
      if (kind == STOP) {
        break;
      }
      continuations += kind;
      at++;
    }
    if (at > from) {
      took(from, at, continuations);
    }
    return at;
  }

  /** Where a run from {@code from} must end: the buffer's end or the line length limit. */
  private int runEnd(int from) {
    long room = limits.maxCsvLineBytes() - recordBytes;
    return (int) Math.min(limit, from + Math.max(0, room));
  }

  /** What {@link #append} does for each of the data bytes {@code from} to {@code to}. */
  private void took(int from, int to, int continuations) {
    int count = to - from;
    if (isCaptured() && valueLength < value.length) {
      int kept = Math.min(count, value.length - valueLength);
      System.arraycopy(buffer, from, value, valueLength, kept);
      valueLength += kept;
    }
    if (!recordStarted) {
      recordStarted = true;
      recordLine = line;
    }
    offset += count;
    afterCr = false;
    recordBytes += count;
    recordChars += count - continuations;
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
    if (readyValueLength >= 0 && captured.isEmpty()) {
      captured.add(new String(value, 0, readyValueLength, StandardCharsets.UTF_8));
    }
    return captured;
  }

  /**
   * The bytes of the one column captured (see {@link #capture}) in the current record, from 0 to
   * {@link #capturedLength()}, without making a String of them; valid until the next {@link
   * #next()}.
   */
  byte[] capturedBytes() {
    return value;
  }

  /**
   * How many bytes of the one captured column the current record holds (cut to {@link
   * #MAX_CAPTURED_BYTES}), or -1 when it has no such column or all columns are captured.
   */
  int capturedLength() {
    return readyValueLength;
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
      openQuotes(b);
      return;
    }
    if (b == delimiter) {
      delimit(b);
      return;
    }
    fieldOnlySpaces &= b == ' ';
    recordBlank &= isBlank(b);
    append(b);
  }

  private void openQuotes(int quote) {
    fieldQuoted = true;
    inQuotes = true;
    recordBlank = false;
    valueLength = 0;
    grow(quote);
  }

  private void delimit(int b) {
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
    if (capture == ALL_COLUMNS) {
      captured.add(new String(value, 0, valueLength, StandardCharsets.UTF_8));
    } else if (isCaptured()) {
      // Kept as bytes: value is not written again before the next record.
      readyValueLength = valueLength;
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
      readyValueLength = -1;
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
