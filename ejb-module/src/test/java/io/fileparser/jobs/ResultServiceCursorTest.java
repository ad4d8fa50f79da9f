package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte-offset cursor of the records pages: {@code ResultService.encode/decode}. */
class ResultServiceCursorTest {

  private static String token(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 4096, 1_234_567_890_123L, Long.MAX_VALUE})
  void encodedOffsetDecodesToTheSameOffset(long offset) {
    assertEquals(offset, ResultService.decode(ResultService.encode(offset)));
  }

  @Test
  void encodedFormIsUrlSafeWithoutPadding() {
    for (long offset : new long[] {0, 7, 65_536, Long.MAX_VALUE}) {
      String cursor = ResultService.encode(offset);
      assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
    }
  }

  @Test
  void differentOffsetsGiveDifferentCursors() {
    assertTrue(!ResultService.encode(10).equals(ResultService.encode(11)));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t\n"})
  void missingCursorStartsAtTheBeginning(String cursor) {
    assertEquals(0, ResultService.decode(cursor));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage!", "!!!!", "not base64 at all", "%%", "r1:5"})
  void garbageIsAnInvalidCursor(String cursor) {
    assertInvalidCursor(cursor);
  }

  @Test
  void negativeOffsetIsAnInvalidCursor() {
    assertInvalidCursor(token("r1:-1"));
    assertInvalidCursor(token("r1:" + Long.MIN_VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r2:5", "v1:5", "R1:5", "5", "r1", "r1-5", ":5", " r1:5"})
  void wrongPrefixIsAnInvalidCursor(String plain) {
    assertInvalidCursor(token(plain));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r1:", "r1:abc", "r1:1.5", "r1:5 ", "r1:99999999999999999999", "r1:0x10"})
  void unreadableOffsetIsAnInvalidCursor(String plain) {
    assertInvalidCursor(token(plain));
  }

  @Test
  void jobListCursorIsNotARecordsCursor() {
    String listCursor =
        Cursor.of(Instant.parse("2025-03-14T15:09:26Z"), UUID.randomUUID(), "acme").encode();

    assertInvalidCursor(listCursor);
  }

  private static void assertInvalidCursor(String cursor) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> ResultService.decode(cursor), cursor);
    assertEquals(ProblemType.INVALID_CURSOR, e.type());
  }
}
