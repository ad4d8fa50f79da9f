package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.dispatch.CollectedEvents;
import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobEventsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void everyListenerHearsAllChangesInOneCallThenTheyAreFiredTogether() {
    List<String> seen = new ArrayList<>();
    CollectedEvents<JobChanges> fired =
        new CollectedEvents<>(
            together ->
                seen.add("fired " + together.changes().stream().map(JobChanged::to).toList()));
    JobEvents events = new JobEvents();
    events.changed = fired;
    events.listeners =
        List.of(
            changes -> seen.add("history " + changes.stream().map(JobChanged::to).toList()),
            changes -> seen.add("dispatch " + changes.stream().map(JobChanged::to).toList()));
    Job job = newJob();
    job.queue(T0);

    events.publish(job);

    assertEquals(
        List.of(
            "history [RECEIVED, QUEUED]",
            "dispatch [RECEIVED, QUEUED]",
            "fired [RECEIVED, QUEUED]"),
        seen);
    assertTrue(job.drainChanges().isEmpty(), "published changes are drained");
  }

  @Test
  void aListenerThatFailsStopsThePublication() {
    CollectedEvents<JobChanges> fired = new CollectedEvents<>();
    JobEvents events = new JobEvents();
    events.changed = fired;
    events.listeners =
        List.of(
            changes -> {
              throw new IllegalStateException("the outbox is full");
            });

    assertThrows(IllegalStateException.class, () -> events.publish(newJob()));
    assertTrue(fired.fired().isEmpty(), "nothing announced for a change not made whole");
  }

  private static Job newJob() {
    StoredFile file =
        new StoredFile(
            UUID.randomUUID(),
            "acme",
            "a".repeat(64),
            42,
            "text/csv",
            FileFormat.CSV,
            "file:///tmp/store/tenants/acme/aa/" + "a".repeat(64),
            "report.csv",
            T0);
    return new Job(
        UUID.randomUUID(),
        "acme",
        file,
        "report.csv",
        5,
        null,
        null,
        null,
        "user:alice",
        null,
        T0,
        T0);
  }

  @Test
  void aJobWithoutNewChangesCallsNoListener() {
    CollectedEvents<JobChanges> fired = new CollectedEvents<>();
    JobEvents events = new JobEvents();
    events.changed = fired;
    List<List<JobChanged>> heard = new ArrayList<>();
    events.listeners = List.of(heard::add);
    Job job = newJob();
    events.publish(job);

    events.publish(job);

    assertEquals(1, heard.size(), "the second publication had nothing to say");
    assertEquals(1, fired.fired().size());
  }
}
