package io.fileparser.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.notifications.entity.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which job changes notify whom. */
class NotificationRecorderTest {

  private static final UUID JOB = UUID.randomUUID();
  private static final Instant AT = Instant.parse("2026-11-29T10:15:30.123456789Z");

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of(null, JobState.RECEIVED, "received", null, null),
        Arguments.of(JobState.RECEIVED, JobState.QUEUED, "queued", null, null),
        Arguments.of(JobState.QUEUED, JobState.QUEUED, "dispatched", null, null),
        Arguments.of(JobState.RUNNING, JobState.RUNNING, "parsing", 40, null),
        Arguments.of(JobState.RUNNING, JobState.QUEUED, "queued", null, null),
        Arguments.of(JobState.QUEUED, JobState.CANCELLED, "parsed", null, null),
        Arguments.of(JobState.RECEIVED, JobState.QUARANTINED, "scanned", null, null),
        Arguments.of(JobState.RUNNING, JobState.COMPLETED, "parsed", 100, "job.completed"),
        Arguments.of(JobState.RUNNING, JobState.FAILED, "parsed", null, "job.failed"),
        Arguments.of(JobState.SCANNING, JobState.FAILED, "scanned", null, "job.failed"),
        Arguments.of(
            JobState.RUNNING, JobState.DEAD_LETTERED, "parsed", null, "job.dead_lettered"));
  }

  @ParameterizedTest
  @MethodSource("changes")
  void onlyAJobsOutcomeNotifiesAndOnlyItsSubmitter(
      JobState from, JobState to, String step, Integer percent, String expectedKind) {
    JobChanged change =
        new JobChanged(JOB, "acme", 7, from, to, step, percent, AT, "4 records", null);

    Optional<Notification> made = NotificationRecorder.forJob(change, "user:alice", "a.csv");

    assertEquals(Optional.ofNullable(expectedKind), made.map(Notification::getKind));
    made.ifPresent(
        n -> {
          assertEquals("user:alice", n.getRecipient());
          assertEquals("acme", n.getTenantId());
          assertEquals(JOB, n.getJobId());
          assertEquals(JOB + ":7", n.getEventId());
          assertEquals("a.csv: 4 records", n.getMessage());
          assertEquals(Instant.parse("2026-11-29T10:15:30.123456Z"), n.getCreatedAt());
          assertEquals(null, n.getReadAt());
        });
  }

  @Test
  void anApiKeysJobNotifiesThatKey() {
    JobChanged done =
        new JobChanged(
            JOB, "acme", 9, JobState.RUNNING, JobState.FAILED, "parsed", null, AT, null, null);

    Notification n = NotificationRecorder.forJob(done, "apikey:42", "b.pdf").orElseThrow();

    assertEquals("apikey:42", n.getRecipient());
    assertEquals("b.pdf", n.getMessage());
  }

  @Test
  void aLongMessageIsCutToTheColumn() {
    String text = NotificationRecorder.describe("x.csv", "e".repeat(5000));
    assertEquals(NotificationRecorder.MESSAGE_LIMIT, text.length());
    assertTrue(text.endsWith("…"));
  }

  /** The check the last migration that (re)defines {@code notifications_kind} puts in place. */
  @Test
  void everyKindIsAllowedByTheSchema() throws Exception {
    String migration = lastDefinitionOfTheKindCheck();
    Arrays.stream(NotificationKind.values())
        .forEach(
            kind -> assertTrue(migration.contains("'" + kind.wireName() + "'"), kind::wireName));
  }

  private static String lastDefinitionOfTheKindCheck() throws Exception {
    Path migrations = Path.of("../persistence/src/main/resources/db/migration");
    try (var files = Files.list(migrations)) {
      return files
          .filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
          .sorted(
              java.util.Comparator.comparingInt(
                  f ->
                      Integer.parseInt(
                          f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .filter(sql -> sql.contains("constraint notifications_kind check"))
          .reduce((first, second) -> second)
          .orElseThrow();
    }
  }
}
