package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A key's last use is written at most once a minute, so a busy key does not write per request. */
class LastUsedThrottleTest {

  private static final Instant LAST = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void theFirstUseIsWritten() {
    assertTrue(ApiKeyService.isUseWorthRecording(null, LAST));
  }

  @Test
  void aUseWithinAMinuteOfTheLastIsNotWritten() {
    assertFalse(ApiKeyService.isUseWorthRecording(LAST, LAST));
    assertFalse(ApiKeyService.isUseWorthRecording(LAST, LAST.plusSeconds(59)));
    assertFalse(ApiKeyService.isUseWorthRecording(LAST, LAST.plusSeconds(60)), "exactly a minute");
  }

  @Test
  void aUseMoreThanAMinuteAfterTheLastIsWritten() {
    assertTrue(ApiKeyService.isUseWorthRecording(LAST, LAST.plusSeconds(60).plusNanos(1000)));
    assertTrue(ApiKeyService.isUseWorthRecording(LAST, LAST.plusSeconds(3600)));
  }

  @Test
  void aRecordedUseAheadOfThisClockIsNotOverwritten() {
    assertFalse(ApiKeyService.isUseWorthRecording(LAST.plusSeconds(5), LAST));
  }
}
