package io.fileparser.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.entity.JobState;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobEventTypeTest {

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(null, JobState.RECEIVED, "received", null, "job.created"),
        Arguments.of(JobState.RECEIVED, JobState.RECEIVED, "stored", null, "job.step_changed"),
        Arguments.of(JobState.RECEIVED, JobState.RECEIVED, "scanned", null, "job.scanned"),
        Arguments.of(JobState.RECEIVED, JobState.SCANNING, "scanned", null, "job.step_changed"),
        Arguments.of(JobState.RECEIVED, JobState.QUARANTINED, "scanned", null, "job.quarantined"),
        Arguments.of(JobState.RECEIVED, JobState.RECEIVED, "validated", null, "job.step_changed"),
        Arguments.of(JobState.RECEIVED, JobState.QUEUED, "queued", null, "job.queued"),
        Arguments.of(JobState.SCANNING, JobState.QUEUED, "queued", null, "job.queued"),
        Arguments.of(JobState.QUEUED, JobState.QUEUED, "dispatched", null, "job.dispatched"),
        Arguments.of(JobState.QUEUED, JobState.RUNNING, "started", 0, "job.progress"),
        Arguments.of(JobState.RUNNING, JobState.RUNNING, "parsing", 40, "job.progress"),
        Arguments.of(JobState.RUNNING, JobState.QUEUED, "queued", null, "job.retried"),
        Arguments.of(JobState.QUEUED, JobState.QUEUED, "queued", null, "job.retried"),
        Arguments.of(JobState.RUNNING, JobState.COMPLETED, "parsed", 100, "job.completed"),
        Arguments.of(JobState.RUNNING, JobState.FAILED, "parsed", null, "job.failed"),
        Arguments.of(JobState.SCANNING, JobState.FAILED, "scanned", null, "job.failed"),
        Arguments.of(JobState.RUNNING, JobState.DEAD_LETTERED, "parsed", null, "job.dead_lettered"),
        Arguments.of(JobState.QUEUED, JobState.CANCELLED, "parsed", null, "job.cancelled"),
        Arguments.of(JobState.FAILED, JobState.QUEUED, "queued", null, "job.retried"),
        Arguments.of(JobState.CANCELLED, JobState.QUEUED, "queued", null, "job.retried"),
        Arguments.of(JobState.DEAD_LETTERED, JobState.QUEUED, "queued", null, "job.retried"),
        Arguments.of(JobState.COMPLETED, JobState.DELETED, "deleted", null, "job.deleted"),
        Arguments.of(JobState.CANCELLED, JobState.DELETED, "deleted", null, "job.deleted"),
        Arguments.of(JobState.RUNNING, JobState.NEEDS_MAPPING, "parsed", null, "job.needs_mapping"),
        Arguments.of(JobState.NEEDS_MAPPING, JobState.QUEUED, "queued", null, "job.queued"),
        Arguments.of(JobState.NEEDS_MAPPING, JobState.FAILED, "parsed", null, "job.failed"),
        Arguments.of(JobState.NEEDS_MAPPING, JobState.CANCELLED, "parsed", null, "job.cancelled"),
        Arguments.of(JobState.RECEIVED, JobState.WAITING, "waiting", null, "job.waiting"),
        Arguments.of(JobState.SCANNING, JobState.WAITING, "waiting", null, "job.waiting"),
        Arguments.of(JobState.WAITING, JobState.WAITING, "waiting", null, "job.step_changed"),
        Arguments.of(JobState.RECEIVED, JobState.SCHEDULED, "scheduled", null, "job.scheduled"),
        Arguments.of(JobState.WAITING, JobState.SCHEDULED, "scheduled", null, "job.scheduled"),
        Arguments.of(JobState.SCHEDULED, JobState.SCHEDULED, "scheduled", null, "job.scheduled"),
        Arguments.of(JobState.WAITING, JobState.QUEUED, "queued", null, "job.released"),
        Arguments.of(JobState.SCHEDULED, JobState.QUEUED, "queued", null, "job.released"),
        Arguments.of(JobState.WAITING, JobState.FAILED, "queued", null, "job.failed"),
        Arguments.of(JobState.RECEIVED, JobState.FAILED, "queued", null, "job.failed"),
        Arguments.of(JobState.WAITING, JobState.CANCELLED, "parsed", null, "job.cancelled"),
        Arguments.of(JobState.SCHEDULED, JobState.CANCELLED, "parsed", null, "job.cancelled"));
  }

  @ParameterizedTest
  @MethodSource("changes")
  void eachChangeHasItsType(
      JobState from, JobState to, String step, Integer percent, String expected) {
    assertEquals(expected, JobEventType.of(from, to, step, percent).wireName());
  }

  @Test
  void aMessageSurvivesItsJsonAndKnowsWhetherItIsTheLast() {
    JobEventMessage message =
        new JobEventMessage(
            "j:7",
            JobEventType.COMPLETED,
            "acme",
            UUID.randomUUID(),
            7,
            Instant.parse("2026-11-29T10:00:00.123456Z"),
            new JobEventMessage.Data("RUNNING", "COMPLETED", "parsed", 100, "3 records"));

    assertEquals(message, JobEventMessage.fromJson(message.toJson()).orElseThrow());
    assertTrue(message.isTerminal());
    assertFalse(
        new JobEventMessage(
                "j:2",
                JobEventType.PROGRESS,
                "acme",
                UUID.randomUUID(),
                2,
                Instant.now(),
                new JobEventMessage.Data("RUNNING", "RUNNING", "parsing", 5, null))
            .isTerminal());
    assertTrue(JobEventMessage.fromJson("{\"type\":\"job.nope\"}").isEmpty());
    assertTrue(JobEventMessage.fromJson("not json").isEmpty());
  }
}
