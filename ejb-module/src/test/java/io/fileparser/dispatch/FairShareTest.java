package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FairShareTest {

  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  private static FairShare.Demand demand(
      String tenant, long inFlight, int limit, long due, int waitedSeconds) {
    return new FairShare.Demand(tenant, inFlight, limit, due, T0.minusSeconds(waitedSeconds));
  }

  @Test
  void capacityIsWhatTheLimitLeavesAndNoMoreThanIsDue() {
    assertEquals(3, demand("a", 2, 5, 10, 0).capacity());
    assertEquals(1, demand("a", 2, 5, 1, 0).capacity());
    assertEquals(0, demand("a", 5, 5, 10, 0).capacity());
    assertEquals(0, demand("a", 7, 5, 10, 0).capacity(), "over the limit (it was lowered)");
  }

  @Test
  void theTenantWithFewestInFlightIsServedFirstThenTheLongestWaiting() {
    List<FairShare.Demand> order =
        FairShare.servingOrder(
            List.of(
                demand("busy", 4, 10, 100, 600),
                demand("idle-recent", 0, 10, 1, 5),
                demand("idle-old", 0, 10, 1, 60)));

    assertEquals(
        List.of("idle-old", "idle-recent", "busy"),
        order.stream().map(FairShare.Demand::tenantId).toList());
  }

  @Test
  void aBurstDoesNotCrowdOutAnotherTenantsSingleJob() {
    List<FairShare.Demand> demands =
        FairShare.servingOrder(List.of(demand("a", 0, 50, 1000, 600), demand("b", 0, 50, 1, 1)));

    Map<String, Integer> granted = FairShare.allocate(demands, 3);

    assertEquals(Map.of("a", 2, "b", 1), granted);
  }

  @Test
  void noTenantIsGrantedMoreThanItsLimitLeaves() {
    List<FairShare.Demand> demands =
        FairShare.servingOrder(
            List.of(
                demand("a", 3, 4, 100, 600), demand("b", 0, 2, 100, 60), demand("c", 9, 9, 5, 1)));

    Map<String, Integer> granted = FairShare.allocate(demands, 200);

    assertEquals(Map.of("b", 2, "a", 1), granted);
    assertEquals(List.of("b", "a"), List.copyOf(granted.keySet()), "in serving order");
  }

  @Test
  void theBatchIsSharedRoundRobin() {
    List<FairShare.Demand> demands =
        FairShare.servingOrder(
            List.of(
                demand("a", 0, 100, 100, 30),
                demand("b", 0, 100, 100, 20),
                demand("c", 1, 100, 2, 10)));

    assertEquals(Map.of("a", 3, "b", 2, "c", 2), FairShare.allocate(demands, 7));
    assertEquals(Map.of("a", 1), FairShare.allocate(demands, 1));
    assertEquals(Map.of(), FairShare.allocate(demands, 0));
    assertEquals(Map.of(), FairShare.allocate(List.of(), 10));
  }

  @Test
  void withinOnePriorityListTenantsTakeTurnsEachInItsOwnOrder() {
    record Message(String name, int priority) {}
    Map<String, List<Message>> claimed =
        Map.of(
            "a",
                List.of(
                    new Message("a1", 2),
                    new Message("a2", 5),
                    new Message("a3", 5),
                    new Message("a4", 5)),
            "b", List.of(new Message("b1", 5), new Message("b2", 5)));

    List<Message> order = FairShare.pushOrder(List.of("b", "a"), claimed, Message::priority);

    assertEquals(
        List.of("a1", "b1", "a2", "b2", "a3", "a4"), order.stream().map(Message::name).toList());
  }

  @Test
  void aJobLeavingFlightFreesAPlace() {
    assertTrue(OutboxRelay.freesAPlace(change(JobState.RUNNING, JobState.COMPLETED)));
    assertTrue(OutboxRelay.freesAPlace(change(JobState.RUNNING, JobState.FAILED)));
    assertTrue(OutboxRelay.freesAPlace(change(JobState.RUNNING, JobState.DEAD_LETTERED)));
    assertTrue(OutboxRelay.freesAPlace(change(JobState.RUNNING, JobState.NEEDS_MAPPING)));
    assertTrue(OutboxRelay.freesAPlace(change(JobState.RUNNING, JobState.QUEUED)), "lost work");
    assertTrue(OutboxRelay.freesAPlace(change(JobState.QUEUED, JobState.CANCELLED)));
    assertTrue(OutboxRelay.freesAPlace(change(JobState.QUEUED, JobState.COMPLETED)));
    assertFalse(OutboxRelay.freesAPlace(change(JobState.QUEUED, JobState.RUNNING)));
    assertFalse(OutboxRelay.freesAPlace(change(JobState.RUNNING, JobState.RUNNING)), "progress");
    assertFalse(OutboxRelay.freesAPlace(change(JobState.NEEDS_MAPPING, JobState.FAILED)));
    assertFalse(OutboxRelay.freesAPlace(change(JobState.WAITING, JobState.CANCELLED)));
  }

  private static JobChanged change(JobState from, JobState to) {
    return new JobChanged(UUID.randomUUID(), "t", 2, from, to, "x", null, T0, null, null);
  }
}
