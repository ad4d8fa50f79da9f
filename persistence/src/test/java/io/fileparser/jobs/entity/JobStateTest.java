package io.fileparser.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.StoredFile;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  @Test
  void terminalStatesAreExactlyCompletedFailedCancelledAndDeadLettered() {
    Set<JobState> terminal =
        Stream.of(JobState.values()).filter(JobState::isTerminal).collect(Collectors.toSet());

    assertEquals(
        EnumSet.of(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.DEAD_LETTERED),
        terminal);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"COMPLETED", "FAILED", "CANCELLED"})
  void finishedStatesHaveNoSuccessors(JobState finished) {
    assertEquals(Set.of(), successorsOf(finished));
  }

  @Test
  void deadLetteredJobCanOnlyBeRequeued() {
    assertEquals(Set.of(JobState.QUEUED), successorsOf(JobState.DEAD_LETTERED));
  }

  @Test
  void queuedJobMayStartRunning() {
    assertTrue(JobState.QUEUED.canMoveTo(JobState.RUNNING));
  }

  @Test
  void completedJobCannotBeRequeued() {
    assertFalse(JobState.COMPLETED.canMoveTo(JobState.QUEUED));
  }

  @ParameterizedTest
  @EnumSource(JobState.class)
  void noStateMovesBackToScanning(JobState from) {
    assertFalse(from.canMoveTo(JobState.SCANNING));
  }

  @Test
  void quarantinedJobCanBeReleasedOrCancelledOnly() {
    assertEquals(Set.of(JobState.QUEUED, JobState.CANCELLED), successorsOf(JobState.QUARANTINED));
  }

  @Test
  void jobMovesThroughItsLifeAndRecordsWhenItFinished() {
    Job job = newJob();
    Instant finished = T0.plusSeconds(30);

    job.moveTo(JobState.SCANNING, T0);
    job.moveTo(JobState.QUEUED, T0.plusSeconds(10));
    job.moveTo(JobState.RUNNING, T0.plusSeconds(20));
    assertNull(job.getFinishedAt());

    job.moveTo(JobState.COMPLETED, finished);

    assertEquals(JobState.COMPLETED, job.getState());
    assertEquals(finished, job.getFinishedAt());
    assertEquals(finished, job.getUpdatedAt());
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"COMPLETED", "FAILED", "CANCELLED", "DEAD_LETTERED"})
  void movingToATerminalStateSetsFinishedAt(JobState terminal) {
    Job job = newJob();
    job.moveTo(JobState.QUEUED, T0);
    Instant at = T0.plusSeconds(5);

    job.moveTo(terminal, at);

    assertEquals(at, job.getFinishedAt());
  }

  @Test
  void movingToANonTerminalStateLeavesFinishedAtEmpty() {
    Job job = newJob();

    job.moveTo(JobState.SCANNING, T0);
    job.moveTo(JobState.QUEUED, T0.plusSeconds(1));

    assertNull(job.getFinishedAt());
    assertEquals(T0.plusSeconds(1), job.getUpdatedAt());
  }

  @Test
  void forbiddenMoveThrowsAndChangesNothing() {
    Job job = newJob();
    job.moveTo(JobState.QUEUED, T0);
    job.moveTo(JobState.COMPLETED, T0.plusSeconds(1));

    assertThrows(IllegalStateException.class, () -> job.moveTo(JobState.QUEUED, T0.plusSeconds(2)));

    assertEquals(JobState.COMPLETED, job.getState());
    assertEquals(T0.plusSeconds(1), job.getUpdatedAt());
    assertEquals(T0.plusSeconds(1), job.getFinishedAt());
  }

  @Test
  void lateWorkerResultCannotResurrectACancelledJob() {
    Job job = newJob();
    job.moveTo(JobState.RUNNING, T0);
    job.moveTo(JobState.CANCELLED, T0.plusSeconds(1));

    assertThrows(
        IllegalStateException.class, () -> job.moveTo(JobState.COMPLETED, T0.plusSeconds(2)));
    assertEquals(JobState.CANCELLED, job.getState());
  }

  private static Set<JobState> successorsOf(JobState from) {
    return Stream.of(JobState.values()).filter(from::canMoveTo).collect(Collectors.toSet());
  }

  private static Job newJob() {
    StoredFile file =
        new StoredFile(
            UUID.randomUUID(),
            "acme",
            "a".repeat(64),
            42,
            "text/csv",
            "CSV",
            "file:///tmp/store/tenants/acme/aa/" + "a".repeat(64),
            "report.csv",
            T0);
    return new Job(UUID.randomUUID(), "acme", file, "report.csv", 5, null, null, "alice", null, T0);
  }
}
