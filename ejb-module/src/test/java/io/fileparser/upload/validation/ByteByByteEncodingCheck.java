package io.fileparser.upload.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link EncodingCheck} as it was before its bulk fast paths (issue 11): every byte through the
 * per-byte rules. Kept only as the oracle the differential tests compare the fast version with; the
 * rules it implements are described on {@link EncodingCheck}.
 */
final class ByteByByteEncodingCheck {

  static final String UTF_8 = "UTF-8";
  static final String WINDOWS_1252 = "windows-1252";
  static final String ISO_8859_1 = "ISO-8859-1";

  private static final double MAX_HIGH_BYTES = 0.3;
  private static final int[] BOM = {0xEF, 0xBB, 0xBF};

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
    for (int i = off; i < end; i++) {
      int b = bytes[i] & 0xFF;
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
