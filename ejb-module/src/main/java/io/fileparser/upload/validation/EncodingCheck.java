package io.fileparser.upload.validation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides, over every byte of a text file, which encoding decodes all of it, with the same outcome
 * as the worker's reading step: UTF-8 when every sequence is valid (a BOM is allowed); otherwise
 * windows-1252 when bytes 0x80-0x9F occur and none of the five it leaves undefined, else
 * ISO-8859-1.
 *
 * <p>A NUL byte always refuses the file: text exports do not hold one, and the worker refuses it
 * too. The single-byte fallback must also be plausible text, as {@link
 * io.fileparser.upload.detection.ContentSniffer} judges the head: no control characters but tab,
 * line breaks, vertical tab, form feed, SUB and ESC, and at most 30% of bytes above 0x7F. A file
 * with a UTF-8 BOM gets no fallback, since it declares its encoding and the worker decodes it as
 * UTF-8.
 *
 * <p>The UTF-8 check is strict (no overlong forms, surrogates or code points past U+10FFFF), like
 * Java's and Python's decoders. Failures are thrown as soon as they are certain.
 */
final class EncodingCheck {

  static final String UTF_8 = "UTF-8";
  static final String WINDOWS_1252 = "windows-1252";
  static final String ISO_8859_1 = "ISO-8859-1";

  private static final double MAX_HIGH_BYTES = 0.3;
  private static final int[] BOM = {0xEF, 0xBB, 0xBF};
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int C1 = 1;
  private static final int CP1252_UNDEFINED = 2;

  /** For each continuation byte, whether it is a C1 byte and one windows-1252 leaves undefined. */
  private static final int[] HIGH_BYTE_FLAGS = new int[256];

  static {
    for (int b = 0x80; b <= 0x9F; b++) {
      HIGH_BYTE_FLAGS[b] = C1;
    }
    for (int b : new int[] {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
      HIGH_BYTE_FLAGS[b] |= CP1252_UNDEFINED;
    }
  }

  private long offset;
  private boolean bom;
  private int bomMatched;

  private int pending;
  private int lower = 0x80;
  private int upper = 0xBF;
  private long sequenceStart;
  private long firstInvalidUtf8 = -1;

  private long highBytes;
  private boolean c1;
  private boolean cp1252Undefined;
  private long firstForeignControl = -1;

  /** Checks the next bytes of the file. */
  void feed(byte[] bytes, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (pending == 0 && offset >= BOM.length) {
        int text = skipValidText(bytes, i, end);
        offset += text - i;
        i = text;
        if (i == end) {
          return;
        }
      }
      check(bytes[i++] & 0xFF);
    }
  }

  /**
   * Takes in the bytes from {@code from} that are printable ASCII, tab, line breaks or whole valid
   * UTF-8 sequences, counting the high bytes as {@link #check} would, and returns the position of
   * the first other byte. Called when no sequence is open.
   */
  private int skipValidText(byte[] bytes, int from, int end) {
    int i = skipPlainText(bytes, from, end);
    long high = 0;
    int flags = 0;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0) {
        if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t') {
          i++;
          continue;
        }
        break;
      }
      int lead = b & 0xFF;
      if (lead >= 0xC2 && lead <= 0xDF && i + 1 < end && (bytes[i + 1] & 0xC0) == 0x80) {
        flags |= HIGH_BYTE_FLAGS[bytes[i + 1] & 0xFF];
        high += 2;
        i += 2;
        continue;
      }
      int sequence = wholeSequence(bytes, i, end);
      if (sequence == 0) {
        break;
      }
      for (int k = i + 1; k < i + sequence; k++) {
        flags |= HIGH_BYTE_FLAGS[bytes[k] & 0xFF];
      }
      high += sequence;
      i += sequence;
      if (i < end && bytes[i] >= 0x20) {
        i = skipPlainText(bytes, i, end);
      }
    }
    highBytes += high;
    c1 |= (flags & C1) != 0;
    cp1252Undefined |= (flags & CP1252_UNDEFINED) != 0;
    return i;
  }

  /**
   * The position of the first byte from {@code from} that is not printable ASCII, tab or a line
   * break: bytes that {@link #check} would only count when no UTF-8 sequence is open. Eight bytes
   * at a time while none of them is below 0x20 or above 0x7E.
   */
  private static int skipPlainText(byte[] bytes, int from, int end) {
    int i = from;
    while (i < end) {
      if (i + Long.BYTES <= end) {
        long word = (long) LONGS.get(bytes, i);
        // A byte is below 0x20 (or above 0x7F) when subtracting 0x20 borrows into its top bit; a
        // byte 0x7F or above when adding 0x01 carries into it. Exact when no top bit is set.
        long below = (word - 0x2020202020202020L) & ~word;
        long above = word + 0x0101010101010101L;
        if (((below | above | word) & 0x8080808080808080L) == 0) {
          i += Long.BYTES;
          continue;
        }
      }
      int stop = Math.min(end, i + Long.BYTES);
      while (i < stop) {
        int b = bytes[i];
        if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t') {
          i++;
        } else {
          return i;
        }
      }
    }
    return i;
  }

  /**
   * The length of the valid multi-byte UTF-8 sequence that starts at {@code at} and ends before
   * {@code end}, or 0. Its lead byte is above 0x9F, so only its continuation bytes can be C1 bytes
   * for the single-byte fallback.
   */
  private static int wholeSequence(byte[] bytes, int at, int end) {
    int lead = bytes[at] & 0xFF;
    int length;
    int lower = 0x80;
    int upper = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      lower = lead == 0xE0 ? 0xA0 : 0x80;
      upper = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      lower = lead == 0xF0 ? 0x90 : 0x80;
      upper = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return 0;
    }
    if (at + length > end) {
      return 0;
    }
    int second = bytes[at + 1] & 0xFF;
    if (second < lower || second > upper) {
      return 0;
    }
    for (int k = at + 2; k < at + length; k++) {
      if ((bytes[k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  private void check(int b) {
    if (offset < 3 && bomMatched == offset) {
      bomMatched += b == BOM[(int) offset] ? 1 : 0;
      bom = bomMatched == 3;
    }
    if (b < 0x20 || b == 0x7F) {
      control(b);
    } else if (b >= 0x80) {
      highBytes++;
      c1 |= b <= 0x9F;
      cp1252Undefined |= b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D;
    }
    utf8(b);
    offset++;
  }

  /**
   * Ends the check and names the encoding.
   *
   * @throws ValidationFailure {@code csv_encoding} when no supported encoding fits the bytes
   */
  String finish() {
    if (pending > 0) {
      invalid(sequenceStart);
    }
    if (firstInvalidUtf8 < 0) {
      return UTF_8;
    }
    if (highBytes > MAX_HIGH_BYTES * Math.max(1, offset)) {
      throw failure(
          firstInvalidUtf8,
          "the text is not UTF-8 (first invalid byte at offset "
              + firstInvalidUtf8
              + ") and has too many bytes above 0x7F to be Latin-1 or windows-1252 text;"
              + " save it as UTF-8 and upload it again");
    }
    return c1 && !cp1252Undefined ? WINDOWS_1252 : ISO_8859_1;
  }

  private void control(int b) {
    if (b == 0) {
      throw failure(
          offset,
          "the text contains a NUL byte at offset "
              + offset
              + ", so it is binary or damaged; export it again as CSV");
    }
    boolean allowed =
        b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r' || b == 0x1A || b == 0x1B;
    if (!allowed && firstForeignControl < 0) {
      firstForeignControl = offset;
      refuseSingleByteIfBothSeen();
    }
  }

  private void utf8(int b) {
    if (pending > 0) {
      if (b >= lower && b <= upper) {
        pending--;
        lower = 0x80;
        upper = 0xBF;
        return;
      }
      // The sequence broke off here; this byte may still start a valid one.
      invalid(sequenceStart);
    }
    if (b < 0x80) {
      return;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      expect(1, 0x80, 0xBF);
    } else if (b == 0xE0) {
      expect(2, 0xA0, 0xBF);
    } else if (b == 0xED) {
      expect(2, 0x80, 0x9F);
    } else if (b >= 0xE1 && b <= 0xEF) {
      expect(2, 0x80, 0xBF);
    } else if (b == 0xF0) {
      expect(3, 0x90, 0xBF);
    } else if (b >= 0xF1 && b <= 0xF3) {
      expect(3, 0x80, 0xBF);
    } else if (b == 0xF4) {
      expect(3, 0x80, 0x8F);
    } else {
      invalid(offset);
    }
  }

  private void expect(int continuations, int firstLower, int firstUpper) {
    sequenceStart = offset;
    pending = continuations;
    lower = firstLower;
    upper = firstUpper;
  }

  private void invalid(long at) {
    pending = 0;
    lower = 0x80;
    upper = 0xBF;
    if (firstInvalidUtf8 < 0) {
      firstInvalidUtf8 = at;
      if (bom) {
        throw failure(
            at,
            "the file starts with a UTF-8 byte order mark but has an invalid UTF-8 sequence at"
                + " offset "
                + at
                + "; save it as UTF-8 again and upload it");
      }
      refuseSingleByteIfBothSeen();
    }
  }

  /** Control characters are tolerated in valid UTF-8, but not in a guessed single-byte text. */
  private void refuseSingleByteIfBothSeen() {
    if (firstInvalidUtf8 >= 0 && firstForeignControl >= 0) {
      throw failure(
          firstForeignControl,
          "the text is not UTF-8 (first invalid byte at offset "
              + firstInvalidUtf8
              + ") and has a control character at offset "
              + firstForeignControl
              + ", so it is not Latin-1 or windows-1252 text either; export it again as UTF-8"
              + " CSV");
    }
  }

  private ValidationFailure failure(long at, String detail) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("offset", at);
    if (firstInvalidUtf8 >= 0) {
      facts.put("firstInvalidUtf8Offset", firstInvalidUtf8);
    }
    return new ValidationFailure(ValidationFailure.CSV_ENCODING, detail, facts);
  }
}
