package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobsInFlightLimitsTest {

  private final JobsInFlightLimits limits = JobsInFlightLimits.defaults();

  @Test
  void eachTierHasItsLimitAndAnUnknownTierTheStandardOne() {
    assertEquals(2, limits.ofTier("free"));
    assertEquals(20, limits.ofTier("standard"));
    assertEquals(50, limits.ofTier("premium"));
    assertEquals(100, limits.ofTier("enterprise"));
    assertEquals(20, limits.ofTier("platinum"));
    assertEquals(20, limits.ofTier(null));
  }

  @Test
  void aTenantsOwnLimitReplacesItsTiers() {
    assertEquals(3, limits.inForce("enterprise", 3));
    assertEquals(100, limits.inForce("enterprise", null));
  }
}
