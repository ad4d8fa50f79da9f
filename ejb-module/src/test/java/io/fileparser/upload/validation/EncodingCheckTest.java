package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodingCheckTest {

  @Test
  void acceptsEveryLengthOfUtf8SequenceEvenSplitAcrossReads() {
    byte[] text = "a é € 😀 z".getBytes(StandardCharsets.UTF_8);
    EncodingCheck check = new EncodingCheck();
    for (int i = 0; i < text.length; i++) {
      check.feed(text, i, 1);
    }

    assertEquals(EncodingCheck.UTF_8, check.finish());
  }

  @Test
  void takesOverlongFormsSurrogatesAndCutSequencesForSingleByteText() {
    assertEquals(EncodingCheck.WINDOWS_1252, encodingOf(text(0xC0, 0x80)));
    assertEquals(EncodingCheck.ISO_8859_1, encodingOf(text(0xED, 0xA0, 0xBF)));
    assertEquals(EncodingCheck.ISO_8859_1, encodingOf(text(0xF4, 0x90, 0x80, 0x80)));
    assertEquals(EncodingCheck.ISO_8859_1, encodingOf(text(0xE2, 0xA2)));
  }

  @Test
  void prefersLatin1WhenBytesWindows1252LeavesUndefinedOccur() {
    assertEquals(EncodingCheck.ISO_8859_1, encodingOf('a', 0x80, 'b', 'c', 0x81, 'd', 'e', 'f'));
  }

  @Test
  void reportsTheControlCharacterAndTheFirstInvalidSequence() {
    byte[] bytes = "name,x\nCaf\u00e9s,\u0001\n".getBytes(StandardCharsets.ISO_8859_1);
    EncodingCheck check = new EncodingCheck();

    ValidationFailure failure =
        assertThrows(ValidationFailure.class, () -> check.feed(bytes, 0, bytes.length));

    assertEquals(ValidationFailure.CSV_ENCODING, failure.code());
    assertEquals(13L, failure.facts().get("offset"));
    assertEquals(10L, failure.facts().get("firstInvalidUtf8Offset"));
  }

  @Test
  void toleratesStrayControlCharactersInValidUtf8() {
    assertEquals(EncodingCheck.UTF_8, encodingOf('a', 0x01, 'b', '\n'));
  }

  /** The bytes after ten ASCII letters, so high bytes stay below the Latin-1 bound of 30%. */
  private static int[] text(int... tail) {
    int[] values = new int[10 + tail.length];
    for (int i = 0; i < 10; i++) {
      values[i] = 'a' + i;
    }
    System.arraycopy(tail, 0, values, 10, tail.length);
    return values;
  }

  private static String encodingOf(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    EncodingCheck check = new EncodingCheck();
    check.feed(bytes, 0, bytes.length);
    return check.finish();
  }
}
