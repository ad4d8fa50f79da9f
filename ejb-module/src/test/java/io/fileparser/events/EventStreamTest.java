package io.fileparser.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.entity.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The per-subscriber stream: in order, no gap, no repeat, and a slow client ends only itself. */
class EventStreamTest {

  private final UUID job = UUID.randomUUID();
  private final Map<UUID, List<JobEventMessage>> recorded = new HashMap<>();

  @Test
  void liveEventsGoOutInOrderAndARepeatIsDropped() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    stream.follow(job, null);

    stream.onEvent(event(job, 1));
    stream.onEvent(event(job, 2));
    stream.onEvent(event(job, 2));

    assertEquals(List.of(1, 2), sink.seqs());
  }

  @Test
  void uploadProgressGoesToTenantWideSubscribersOnlyInTurnWithJobEvents() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    stream.follow(job, null);
    stream.onReading("{\"type\":\"upload.progress\",\"n\":0}");
    assertTrue(sink.uploads.isEmpty(), "a subscriber of one job hears no uploads");

    stream.followAll();
    sink.hold = true;
    stream.onEvent(event(job, 1));
    stream.onReading("{\"type\":\"upload.progress\",\"n\":1}");
    assertTrue(sink.uploads.isEmpty(), "it waits for the job event being sent");
    sink.completeAll();
    assertEquals(List.of("{\"type\":\"upload.progress\",\"n\":1}"), sink.uploads);
    stream.onEvent(event(job, 2));
    sink.completeAll();
    assertEquals(List.of(1, 2), sink.seqs());
  }

  @Test
  void aGapIsFilledFromTheHistory() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    stream.follow(job, null);
    record(job, 1, 2, 3, 4);

    stream.onEvent(event(job, 1));
    stream.onEvent(event(job, 4)); // 2 and 3 never arrived live

    assertEquals(List.of(1, 2, 3, 4), sink.seqs());
  }

  @Test
  void followingAfterASeqReplaysTheHistoryThenGoesLiveWithoutRepeats() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    record(job, 1, 2, 3);

    stream.follow(job, 1);
    stream.onEvent(event(job, 3)); // already replayed
    stream.onEvent(event(job, 4));

    assertEquals(List.of(2, 3, 4), sink.seqs());
  }

  @Test
  void afterTheSubscriptionIsBackTheMissedEventsAreReplayed() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    stream.follow(job, null);
    stream.onEvent(event(job, 1));
    record(job, 1, 2, 3);

    stream.onResumed();

    assertEquals(List.of(1, 2, 3), sink.seqs());
  }

  @Test
  void onlyFollowedJobsOrAllOfTheTenantsArrive() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    UUID other = UUID.randomUUID();
    stream.follow(job, null);

    stream.onEvent(event(other, 1));
    stream.onEvent(event(job, 1));
    stream.followAll();
    stream.onEvent(event(other, 2));

    assertEquals(List.of(job + ":1", other + ":2"), sink.ids());
  }

  @Test
  void aClientThatDoesNotReadOverflowsItsOwnQueueOnly() {
    Collecting slow = new Collecting();
    slow.hold = true;
    Collecting fast = new Collecting();
    EventStream slowStream = stream(slow, 3);
    EventStream fastStream = stream(fast, 3);
    slowStream.followAll();
    fastStream.followAll();

    for (int seq = 1; seq <= 10; seq++) {
      slowStream.onEvent(event(job, seq));
      fastStream.onEvent(event(job, seq));
    }

    assertTrue(slow.overflowed);
    assertEquals(List.of(1), slow.seqs(), "one send outstanding, three waiting, then the end");
    assertFalse(fast.overflowed);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), fast.seqs());
  }

  @Test
  void aSlowSendHoldsTheNextOnesBackUntilItCompletes() {
    Collecting sink = new Collecting();
    sink.hold = true;
    EventStream stream = stream(sink, 10);
    stream.followAll();

    stream.onEvent(event(job, 1));
    stream.onEvent(event(job, 2));
    assertEquals(List.of(1), sink.seqs());

    sink.hold = false;
    sink.completeAll();

    assertEquals(List.of(1, 2), sink.seqs());
  }

  @Test
  void theTerminalEventOfAFollowedJobFinishesIt() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    stream.follow(job, null);

    stream.onEvent(event(job, 1));
    stream.onEvent(terminal(job, 2));

    assertEquals(List.of(job), sink.finished);
  }

  @Test
  void aTenantWideSubscriberResumesFromAPointInTimeWithoutRepeatsPerJob() {
    Collecting sink = new Collecting();
    EventStream stream = stream(sink, 10);
    UUID other = UUID.randomUUID();
    record(job, 1, 2);
    record(other, 1);

    stream.resumeAll(new EventId(job, 1), Instant.now()); // had job:1; the margin covers all
    stream.onEvent(event(job, 2)); // live, and already replayed
    stream.onEvent(event(job, 3));

    assertEquals(
        java.util.Set.of(job + ":2", other + ":1", job + ":3"), java.util.Set.copyOf(sink.ids()));
    assertEquals(3, sink.ids().size(), "no event twice");
    assertEquals(job + ":3", sink.ids().get(2), "live after the replay");
  }

  private EventStream stream(Collecting sink, int limit) {
    return new EventStream(
        sink,
        new EventStream.History() {
          @Override
          public List<JobEventMessage> after(UUID jobId, int afterSeq, int max) {
            return recorded.getOrDefault(jobId, List.of()).stream()
                .filter(e -> e.seq() > afterSeq)
                .limit(max)
                .toList();
          }

          @Override
          public List<JobEventMessage> since(Instant since, int max) {
            return recorded.values().stream()
                .flatMap(List::stream)
                .filter(e -> !e.at().isBefore(since))
                .sorted(java.util.Comparator.comparing(JobEventMessage::at))
                .limit(max)
                .toList();
          }
        },
        Runnable::run,
        limit);
  }

  private void record(UUID jobId, int... seqs) {
    List<JobEventMessage> events = new ArrayList<>();
    for (int seq : seqs) {
      events.add(event(jobId, seq));
    }
    recorded.put(jobId, events);
  }

  private static JobEventMessage event(UUID jobId, int seq) {
    return new JobEventMessage(
        jobId + ":" + seq,
        JobEventType.PROGRESS,
        "acme",
        jobId,
        seq,
        Instant.now(),
        new JobEventMessage.Data("RUNNING", "RUNNING", "parsing", seq, null));
  }

  private static JobEventMessage terminal(UUID jobId, int seq) {
    return new JobEventMessage(
        jobId + ":" + seq,
        JobEventType.COMPLETED,
        "acme",
        jobId,
        seq,
        Instant.now(),
        new JobEventMessage.Data(
            JobState.RUNNING.name(), JobState.COMPLETED.name(), "parsed", 100, null));
  }

  /** A transport that records what it sent and, when told, holds sends open. */
  private static final class Collecting implements EventStream.Sink {
    final List<JobEventMessage> sent = new ArrayList<>();
    final List<String> uploads = new ArrayList<>();
    final List<CompletableFuture<Void>> open = new ArrayList<>();
    final List<UUID> finished = new ArrayList<>();
    boolean hold;
    boolean overflowed;

    @Override
    public CompletionStage<?> send(JobEventMessage event, String json) {
      assertEquals(event.toJson(), json);
      sent.add(event);
      CompletableFuture<Void> done = new CompletableFuture<>();
      if (hold) {
        open.add(done);
      } else {
        done.complete(null);
      }
      return done;
    }

    @Override
    public CompletionStage<?> sendReading(String json) {
      uploads.add(json);
      CompletableFuture<Void> done = new CompletableFuture<>();
      if (hold) {
        open.add(done);
      } else {
        done.complete(null);
      }
      return done;
    }

    @Override
    public void overflowed() {
      overflowed = true;
    }

    @Override
    public void finished(UUID jobId) {
      finished.add(jobId);
    }

    void completeAll() {
      List<CompletableFuture<Void>> now = new ArrayList<>(open);
      open.clear();
      now.forEach(f -> f.complete(null));
    }

    List<Integer> seqs() {
      return sent.stream().map(JobEventMessage::seq).toList();
    }

    List<String> ids() {
      return sent.stream().map(JobEventMessage::id).toList();
    }
  }
}
