package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransferRateTest {

  @Test
  void theFirstChunkSetsTheSpeed() {
    assertEquals(1_000_000, TransferRate.next(0, 2_000_000, Duration.ofSeconds(2)), 1e-6);
  }

  @Test
  void laterChunksMoveTheAverageByTheirWeight() {
    double rate = TransferRate.next(1_000_000, 4_000_000, Duration.ofSeconds(1));
    assertEquals(0.3 * 4_000_000 + 0.7 * 1_000_000, rate, 1e-6);
  }

  @Test
  void anUntimedOrEmptyChunkLeavesTheSpeed() {
    assertEquals(500, TransferRate.next(500, 0, Duration.ofSeconds(1)), 0);
    assertEquals(500, TransferRate.next(500, 100, Duration.ZERO), 0);
  }

  @Test
  void etaIsTheRestAtTheSpeedRoundedUp() {
    assertEquals(3L, TransferRate.etaSeconds(1000L, 0, 400));
    assertEquals(0L, TransferRate.etaSeconds(1000L, 1000, 400));
    assertNull(TransferRate.etaSeconds(null, 0, 400));
    assertNull(TransferRate.etaSeconds(1000L, 0, 0));
  }
}
