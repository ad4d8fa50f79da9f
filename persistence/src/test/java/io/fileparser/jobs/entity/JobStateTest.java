package io.fileparser.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  @Test
  void terminalStatesAreTheFinishedOnesAndDeleted() {
    Set<JobState> terminal =
        Stream.of(JobState.values()).filter(JobState::isTerminal).collect(Collectors.toSet());

    assertEquals(
        EnumSet.of(
            JobState.COMPLETED,
            JobState.FAILED,
            JobState.CANCELLED,
            JobState.DEAD_LETTERED,
            JobState.DELETED),
        terminal);
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"FAILED", "CANCELLED", "DEAD_LETTERED"})
  void unsuccessfulFinishedJobsMayBeRetriedOrDeleted(JobState finished) {
    assertEquals(Set.of(JobState.QUEUED, JobState.DELETED), successorsOf(finished));
    assertTrue(finished.isRetryable());
  }

  @Test
  void completedJobMayOnlyBeDeletedAndDeletedIsTheEnd() {
    assertEquals(Set.of(JobState.DELETED), successorsOf(JobState.COMPLETED));
    assertEquals(Set.of(), successorsOf(JobState.DELETED));
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"FAILED", "CANCELLED", "DEAD_LETTERED"})
  void noOtherStateIsRetryable(JobState state) {
    assertFalse(state.isRetryable());
  }

  @ParameterizedTest
  @EnumSource(
      value = JobState.class,
      names = {"RECEIVED", "SCANNING", "QUARANTINED", "WAITING", "SCHEDULED", "QUEUED", "RUNNING"})
  void aJobThatHasNotFinishedIsNeverDeletedDirectly(JobState state) {
    assertFalse(state.canMoveTo(JobState.DELETED));
  }

  @Test
  void receivedJobLeavesForTheQueueTheScannerQuarantineOrIsHeld() {
    assertEquals(
        Set.of(
            JobState.QUEUED,
            JobState.SCANNING,
            JobState.QUARANTINED,
            JobState.WAITING,
            JobState.SCHEDULED,
            JobState.FAILED),
        successorsOf(JobState.RECEIVED));
  }

  @Test
  void aWaitingJobIsReleasedScheduledFailedByItsDependencyOrCancelled() {
    assertEquals(
        Set.of(JobState.SCHEDULED, JobState.QUEUED, JobState.FAILED, JobState.CANCELLED),
        successorsOf(JobState.WAITING));
  }

  @Test
  void aScheduledJobEntersTheQueueOrIsCancelled() {
    assertEquals(Set.of(JobState.QUEUED, JobState.CANCELLED), successorsOf(JobState.SCHEDULED));
  }

  @Test
  void heldStatesAreWaitingAndScheduledAndNeitherIsTerminal() {
    Set<JobState> held =
        Stream.of(JobState.values()).filter(JobState::isHeld).collect(Collectors.toSet());
    assertEquals(Set.of(JobState.WAITING, JobState.SCHEDULED), held);
    held.forEach(s -> assertFalse(s.isTerminal()));
  }

  @ParameterizedTest
  @EnumSource(JobState.class)
  void noStateMovesBackToReceived(JobState from) {
    assertFalse(from.canMoveTo(JobState.RECEIVED));
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
  @EnumSource(value = JobState.class, mode = EnumSource.Mode.EXCLUDE, names = "RECEIVED")
  void noStateMovesBackToScanning(JobState from) {
    assertFalse(from.canMoveTo(JobState.SCANNING));
  }

  @Test
  void quarantinedJobCanBeReleasedOrCancelledOnly() {
    assertEquals(Set.of(JobState.QUEUED, JobState.CANCELLED), successorsOf(JobState.QUARANTINED));
  }

  private static Set<JobState> successorsOf(JobState from) {
    return Stream.of(JobState.values()).filter(from::canMoveTo).collect(Collectors.toSet());
  }

  @Test
  void aJobWaitingForAMappingIsRequeuedFailedOrCancelledOnly() {
    assertEquals(
        EnumSet.of(JobState.QUEUED, JobState.FAILED, JobState.CANCELLED),
        successorsOf(JobState.NEEDS_MAPPING));
    assertTrue(JobState.RUNNING.canMoveTo(JobState.NEEDS_MAPPING));
    assertFalse(JobState.NEEDS_MAPPING.isTerminal());
  }
}
