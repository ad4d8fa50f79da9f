package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConcatRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

  private static UploadStatus upload(
      String concat, String state, long offset, Long length, double speed, Instant expiresAt) {
    return new UploadStatus(
        UUID.randomUUID(),
        state,
        offset,
        length,
        offset,
        speed,
        TransferRate.etaSeconds(length, offset, speed),
        expiresAt,
        null,
        null,
        null,
        null,
        null,
        null,
        concat,
        List.of());
  }

  private static UploadStatus partial(String state, long offset, Long length) {
    return upload("partial", state, offset, length, 100, NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void aFinalUploadNamesOneToAHundredDistinctPartials() {
    UUID a = UUID.randomUUID();
    assertDoesNotThrow(() -> ConcatRules.requirePartialList(List.of(a, UUID.randomUUID())));
    for (List<UUID> bad :
        List.of(List.<UUID>of(), List.of(a, a), Collections.nCopies(101, UUID.randomUUID()))) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> ConcatRules.requirePartialList(bad));
      assertEquals(ProblemType.INVALID_REQUEST, e.type());
    }
  }

  @Test
  void onlyALivePartialUploadMayBeJoined() {
    assertDoesNotThrow(() -> ConcatRules.requireJoinable(partial("receiving", 5, 10L), NOW));
    assertDoesNotThrow(() -> ConcatRules.requireJoinable(partial("completed", 10, 10L), NOW));
    assertEquals(
        ProblemType.INVALID_REQUEST,
        assertThrows(
                ProblemException.class,
                () ->
                    ConcatRules.requireJoinable(
                        upload(null, "receiving", 0, 10L, 0, NOW.plusSeconds(60)), NOW))
            .type());
    assertEquals(
        ProblemType.INVALID_REQUEST,
        assertThrows(
                ProblemException.class,
                () -> ConcatRules.requireJoinable(partial("failed", 10, 10L), NOW))
            .type());
    assertEquals(
        ProblemType.UPLOAD_GONE,
        assertThrows(
                ProblemException.class,
                () -> ConcatRules.requireJoinable(partial("terminated", 0, 10L), NOW))
            .type());
    UploadStatus expired = upload("partial", "receiving", 0, 10L, 0, NOW);
    assertEquals(
        ProblemType.UPLOAD_GONE,
        assertThrows(ProblemException.class, () -> ConcatRules.requireJoinable(expired, NOW))
            .type());
  }

  @Test
  void joinedWhenEveryPartialIsCompleteNeverWhenOneWentAway() {
    UploadStatus done = partial("completed", 10, 10L);
    UploadStatus half = partial("receiving", 5, 10L);
    assertTrue(ConcatRules.allReceived(List.of(done, partial("completed", 3, 3L))));
    assertFalse(ConcatRules.allReceived(List.of(done, half)));
    assertFalse(ConcatRules.allReceived(List.of()));
    assertEquals(13, ConcatRules.joinedLength(List.of(done, partial("completed", 3, 3L))));
    assertTrue(ConcatRules.unjoinable(List.of(done, half), NOW).isEmpty());
    assertEquals(
        ProblemType.UPLOAD_GONE,
        ConcatRules.unjoinable(List.of(done, partial("terminated", 5, 10L)), NOW)
            .orElseThrow()
            .type());
  }

  @Test
  void aFinalUploadsProgressIsItsPartialsAddedUp() {
    UploadStatus fin = upload("final", "receiving", 0, 30L, 0, NOW.plusSeconds(60));
    UploadStatus a = upload("partial", "receiving", 5, 10L, 5, NOW.plusSeconds(60)); // 1 s left
    UploadStatus b = upload("partial", "receiving", 0, 20L, 4, NOW.plusSeconds(60)); // 5 s left
    UploadStatus joined = fin.withPartials(List.of(a, b));
    assertEquals(List.of(a.id(), b.id()), joined.partials());
    assertEquals(5, joined.bytesReceived());
    assertEquals(0, joined.offset(), "the offset of a final upload moves when it is joined");
    assertEquals(9, joined.bytesPerSecond(), 1e-9);
    assertEquals(5L, joined.etaSeconds());
    UploadStatus idle = upload("partial", "receiving", 0, 20L, 0, NOW.plusSeconds(60));
    assertNull(fin.withPartials(List.of(a, idle)).etaSeconds());
  }
}
