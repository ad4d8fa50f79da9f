package io.fileparser.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleWindowTest {

  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(365);

  @Test
  void anInstantAheadWithinTheHorizonIsKept() {
    Instant at = NOW.plusSeconds(4);
    assertEquals(at, ScheduleWindow.admit(at, NOW, HORIZON));
    assertEquals(NOW.plus(HORIZON), ScheduleWindow.admit(NOW.plus(HORIZON), NOW, HORIZON));
  }

  @Test
  void aPastInstantMeansNow() {
    assertEquals(NOW, ScheduleWindow.admit(NOW.minusSeconds(3600), NOW, HORIZON));
  }

  @Test
  void anInstantBeyondTheHorizonIsRefused() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> ScheduleWindow.admit(NOW.plus(HORIZON).plusMillis(1), NOW, HORIZON));
    assertEquals(ProblemType.SCHEDULE_TOO_FAR, refused.type());
  }

  @Test
  void workflowOptionsRefuseARepeatedDependency() {
    var id = java.util.UUID.randomUUID();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new WorkflowOptions(
                java.util.List.of(id, id), WorkflowOptions.OnDependencyFailure.FAIL, null));
  }
}
