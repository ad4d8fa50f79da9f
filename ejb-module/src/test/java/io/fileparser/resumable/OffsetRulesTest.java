package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import org.junit.jupiter.api.Test;

class OffsetRulesTest {

  @Test
  void aChunkStartsExactlyAtTheOffset() {
    assertDoesNotThrow(() -> OffsetRules.requireOffset(1024, 1024));
    ProblemException behind =
        assertThrows(ProblemException.class, () -> OffsetRules.requireOffset(1024, 0));
    assertEquals(ProblemType.UPLOAD_OFFSET_MISMATCH, behind.type());
    assertEquals(409, behind.type().status());
    assertEquals(1024L, behind.extensions().get("offset"));
    assertThrows(ProblemException.class, () -> OffsetRules.requireOffset(1024, 2048));
  }

  @Test
  void roomIsWhatTheLengthLeaves() {
    assertEquals(600, OffsetRules.room(400, 1000L, 10_000));
    assertEquals(0, OffsetRules.room(1000, 1000L, 10_000));
  }

  @Test
  void roomOfADeferredLengthIsWhatTheLimitLeaves() {
    assertEquals(9_600, OffsetRules.room(400, null, 10_000));
  }

  @Test
  void aLengthOverTheLimitIsTooLarge() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> OffsetRules.requireLength(10_001, 0, 10_000));
    assertEquals(ProblemType.FILE_TOO_LARGE, e.type());
    assertEquals(413, e.type().status());
    assertDoesNotThrow(() -> OffsetRules.requireLength(10_000, 0, 10_000));
  }

  @Test
  void aLengthBelowWhatArrivedOrNegativeIsInvalid() {
    assertEquals(
        ProblemType.INVALID_REQUEST,
        assertThrows(ProblemException.class, () -> OffsetRules.requireLength(99, 100, 10_000))
            .type());
    assertEquals(
        ProblemType.INVALID_REQUEST,
        assertThrows(ProblemException.class, () -> OffsetRules.requireLength(-1, 0, 10_000))
            .type());
  }

  @Test
  void aChunkPastTheLengthOrTheLimitIs413WithItsOwnCode() {
    assertEquals(ProblemType.UPLOAD_LENGTH_EXCEEDED, OffsetRules.tooLong(10, 100L, 1000).type());
    assertEquals(ProblemType.FILE_TOO_LARGE, OffsetRules.tooLong(10, null, 1000).type());
    assertEquals(413, OffsetRules.tooLong(10, 100L, 1000).type().status());
  }
}
