package io.fileparser.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.ratelimit.EndpointClass;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each API call is counted once whatever a fold round did between the Redis snapshot and the
 * database reading: the cases of {@link UsageTally}, call by call.
 */
class UsageTallyTest {

  private static final LocalDate DAY = LocalDate.parse("2026-11-30");
  private static final UsageMetric READS = UsageMetric.API_CALLS_READ;

  @Test
  void countersAndLiveCountsAddUp() {
    UsageTally tally =
        UsageTally.of(
            List.of(counter("acme", READS, 10), counter("acme", UsageMetric.UPLOADS, 2)),
            new ApiCallLedger.Snapshot(4, List.of(live("acme", 3)), List.of()));
    assertEquals(13, tally.get("acme", DAY, READS));
    assertEquals(2, tally.get("acme", DAY, UsageMetric.UPLOADS));
    assertEquals(0, tally.get("beta", DAY, READS));
  }

  @Test
  void aFoldAfterTheSnapshotIsNotCountedTwice() {
    // Live at the snapshot (3), then round 5 moved and applied them (counter 10 + 3 = 13).
    UsageTally tally =
        UsageTally.of(
            List.of(counter("acme", READS, 13), fold(5, "acme", READS, 3)),
            new ApiCallLedger.Snapshot(4, List.of(live("acme", 3)), List.of()));
    assertEquals(13, tally.get("acme", DAY, READS));
  }

  @Test
  void callsAfterTheSnapshotFoldedBeforeTheReadingAreLeftOut() {
    // 3 live at the snapshot, 2 more after it; round 5 moved all 5 and applied them.
    UsageTally tally =
        UsageTally.of(
            List.of(counter("acme", READS, 15), fold(5, "acme", READS, 5)),
            new ApiCallLedger.Snapshot(4, List.of(live("acme", 3)), List.of()));
    assertEquals(13, tally.get("acme", DAY, READS));
  }

  @Test
  void aPendingCountNotYetAppliedIsAdded() {
    UsageTally tally =
        UsageTally.of(
            List.of(counter("acme", READS, 10)),
            new ApiCallLedger.Snapshot(4, List.of(), List.of(pending(4, "acme", 3))));
    assertEquals(13, tally.get("acme", DAY, READS));
  }

  @Test
  void aPendingCountAppliedBeforeTheReadingIsNotAddedAgain() {
    UsageTally tally =
        UsageTally.of(
            List.of(counter("acme", READS, 13), fold(4, "acme", READS, 3)),
            new ApiCallLedger.Snapshot(4, List.of(), List.of(pending(4, "acme", 3))));
    assertEquals(13, tally.get("acme", DAY, READS));
  }

  @Test
  void anAppliedFoldOfAnotherTenantOrClassDoesNotHideAPendingCount() {
    UsageTally tally =
        UsageTally.of(
            List.of(fold(4, "beta", READS, 3), fold(4, "acme", UsageMetric.API_CALLS_WRITE, 3)),
            new ApiCallLedger.Snapshot(4, List.of(), List.of(pending(4, "acme", 3))));
    assertEquals(3, tally.get("acme", DAY, READS));
  }

  private static UsageTally.Row counter(String tenant, UsageMetric metric, long value) {
    return new UsageTally.Row(0, tenant, DAY, metric, value);
  }

  private static UsageTally.Row fold(long seq, String tenant, UsageMetric metric, long value) {
    return new UsageTally.Row(seq, tenant, DAY, metric, value);
  }

  private static ApiCallCount live(String tenant, long value) {
    return new ApiCallCount(0, tenant, DAY, EndpointClass.READ, value);
  }

  private static ApiCallCount pending(long seq, String tenant, long value) {
    return new ApiCallCount(seq, tenant, DAY, EndpointClass.READ, value);
  }
}
