package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EncodingCheck} skips printable ASCII eight bytes at a time and whole UTF-8 sequences at
 * once; these tests hold it to the per-byte check it replaced ({@link ByteByByteEncodingCheck}):
 * same verdict, same failure, same offsets, however the bytes are fed.
 */
class EncodingCheckAgreementTest {

  @Test
  void findsEachSpecialByteAtEveryPlaceInAWord() {
    int[] specials = {0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1A, 0x1F, 0x7F, 0x80, 0x9D, 0xC3, 0xFF};
    for (int special : specials) {
      for (int at = 0; at < 24; at++) {
        byte[] bytes = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(StandardCharsets.US_ASCII);
        bytes[at] = (byte) special;
        assertSameAsByteByByte(bytes, bytes.length);
        assertSameAsByteByByte(bytes, 7);
      }
    }
  }

  @Test
  void takesSequencesSplitAcrossFeedsAndCutAtTheEnd() {
    byte[] text = "ab é € 😀 z €".getBytes(StandardCharsets.UTF_8);
    for (int chunk = 1; chunk < 9; chunk++) {
      assertSameAsByteByByte(text, chunk);
      assertSameAsByteByByte(Arrays.copyOf(text, text.length - 1), chunk);
    }
  }

  @Test
  void judgesTheByteOrderMarkAsBefore() {
    byte[] good = "\uFEFFa;b\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = Arrays.copyOf(good, good.length + 1);
    bad[bad.length - 1] = (byte) 0xE9;
    for (int chunk = 1; chunk < 5; chunk++) {
      assertSameAsByteByByte(good, chunk);
      assertSameAsByteByByte(bad, chunk);
    }
  }

  @Test
  void agreesWithTheByteByByteCheckOnRandomBytes() {
    Random random = new Random(11);
    String[] pieces = {"abc,def;", "12345678", "\n", "\r\n", "\t", " ", "é", "€", "😀", "ß"};
    for (int round = 0; round < 5000; round++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (random.nextInt(5) == 0) {
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      int length = random.nextInt(400);
      int oddness = 1 + random.nextInt(200);
      while (out.size() < length) {
        if (random.nextInt(oddness) == 0) {
          out.write(random.nextInt(256));
        } else {
          out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] bytes = out.toByteArray();
      assertSameAsByteByByte(bytes, bytes.length + 1);
      assertSameAsByteByByte(bytes, 1 + random.nextInt(20));
    }
  }

  private static void assertSameAsByteByByte(byte[] bytes, int chunk) {
    String expected;
    try {
      ByteByByteEncodingCheck oracle = new ByteByByteEncodingCheck();
      for (int off = 0; off < bytes.length; off += chunk) {
        oracle.feed(bytes, off, Math.min(chunk, bytes.length - off));
      }
      expected = oracle.finish();
    } catch (ValidationFailure e) {
      expected = e.code() + " " + e.getMessage() + " " + e.facts();
    }
    String actual;
    try {
      EncodingCheck check = new EncodingCheck();
      for (int off = 0; off < bytes.length; off += chunk) {
        check.feed(bytes, off, Math.min(chunk, bytes.length - off));
      }
      actual = check.finish();
    } catch (ValidationFailure e) {
      actual = e.code() + " " + e.getMessage() + " " + e.facts();
    }
    assertEquals(expected, actual, () -> "chunk " + chunk + ": " + Arrays.toString(bytes));
  }
}
