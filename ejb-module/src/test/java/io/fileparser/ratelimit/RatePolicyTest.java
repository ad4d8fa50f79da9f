package io.fileparser.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RatePolicyTest {

  @Test
  void isWrittenQuotaSlashWindow() {
    RatePolicy policy = RatePolicy.parse("read", " 1200 / 60s ");

    assertEquals(new RatePolicy("read", 1200, 60), policy);
    assertEquals(50_000, policy.emissionIntervalMicros());
    assertEquals("\"read\";q=1200;w=60", policy.header());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1200", "1200/", "/60", "0/60", "10/0", "-1/60", "ten/60", "1e3/60"})
  void refusesAnythingElse(String text) {
    assertThrows(IllegalArgumentException.class, () -> RatePolicy.parse("read", text));
  }

  @Test
  void aDecisionTellsWhereTheCallerStands() {
    RatePolicy policy = new RatePolicy("upload", 2, 60);

    RateDecision allowed = RateLimiter.decide(policy, List.of(1L, 1L, 30_000_000L, 0L));
    RateDecision refused = RateLimiter.decide(policy, List.of(0L, 0L, 59_000_001L, 1_500L));

    assertEquals(new RateDecision(policy, true, 1, 30, 0), allowed);
    assertEquals("\"upload\";r=1;t=30", allowed.header());
    // Partial seconds round up: a client that waits Retry-After is never refused again for it.
    assertEquals(new RateDecision(policy, false, 0, 60, 1), refused);
  }
}
