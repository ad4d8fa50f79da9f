package io.fileparser.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscriber's events, in order and complete: which jobs it follows (some, or all of its
 * tenant's), where it stands in each job (seq after seq: a gap is filled from the history, a repeat
 * is dropped), and a bounded queue sent one message at a time on the subscriber's own transport.
 *
 * <p>A live event that follows the last one sent goes out on the delivering thread without blocking
 * it (the transport sends asynchronously); reading the history (a replay, a gap) runs on the
 * executor. While a send is outstanding further work waits in the queue; past {@code limit} waiting
 * items the stream ends ({@link Sink#overflowed}) instead of holding memory for a client that does
 * not read: the client reconnects and resumes by seq. So a slow client only ever holds up itself.
 */
public final class EventStream implements LiveEvents.Listener {

  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
  private static final int REPLAY_PAGE = 500;

  /** Where the events go: a WebSocket session, an SSE connection. */
  public interface Sink {
    /**
     * Sends one event; completes when the transport took it, exceptionally if it failed.
     *
     * @param json the event as {@link JobEventMessage#toJson}: a live event is rendered once for
     *     all its subscribers, not once for each
     */
    CompletionStage<?> send(JobEventMessage event, String json);

    /**
     * Sends a reading ({@link Readings}: an upload's or a bulk operation's progress) to a
     * tenant-wide subscriber; completes when the transport took it. It has no seq and no id to
     * resume after.
     */
    default CompletionStage<?> sendReading(String json) {
      return CompletableFuture.completedFuture(null);
    }

    /** Too many events wait for this subscriber: end the connection, saying so. */
    void overflowed();

    /** A followed job's terminal event was sent. */
    default void finished(UUID jobId) {}
  }

  /** The subscriber's tenant's recorded events. */
  public interface History {
    /** A job's events after a seq, oldest first, at most {@code limit}. */
    List<JobEventMessage> after(UUID jobId, int afterSeq, int limit);

    /**
     * Every job's events recorded at or after {@code since}, oldest first, at most {@code limit}.
     */
    List<JobEventMessage> since(Instant since, int limit);
  }

  /**
   * How far before the last event it had a tenant-wide subscriber's replay starts: events are
   * stamped when they happen and published when their transaction commits, so one stamped a little
   * earlier may arrive after a later one. Events of that margin that the subscriber had may come
   * again; their ids tell them apart.
   */
  public static final Duration RESUME_MARGIN = Duration.ofSeconds(10);

  /** At most this many events are replayed to a tenant-wide subscriber at once. */
  static final int TENANT_REPLAY_LIMIT = 10_000;

  private sealed interface Work permits Live, Replay, Resync, TenantReplay, Reading {}

  private record Reading(String json) implements Work {}

  private record TenantReplay(Instant since) implements Work {}

  private record Live(JobEventMessage event, String json) implements Work {}

  private record Replay(UUID jobId) implements Work {}

  private record Resync() implements Work {}

  /**
   * An event to send, and its JSON: given for a live event, rendered on demand for a replayed one.
   */
  private record Out(JobEventMessage event, String rendered) {
    String json() {
      return rendered != null ? rendered : event.toJson();
    }

    static List<Out> all(List<JobEventMessage> events) {
      return events.stream().map(event -> new Out(event, null)).toList();
    }
  }

  private final Sink sink;
  private final History history;
  private final Executor executor;
  private final int limit;
  private final Set<UUID> followed = ConcurrentHashMap.newKeySet();
  private final Map<UUID, Integer> lastSent = new ConcurrentHashMap<>();
  private final Deque<Work> pending = new ArrayDeque<>();
  private volatile boolean allJobs;
  private volatile Instant lastAt;
  private boolean busy;
  private boolean closed;

  public EventStream(Sink sink, History history, Executor executor, int limit) {
    this.sink = sink;
    this.history = history;
    this.executor = executor;
    this.limit = limit;
  }

  /** Follows every job of the tenant from now on. */
  public void followAll() {
    allJobs = true;
  }

  /**
   * Follows every job of the tenant again after the event {@code last}, recorded at {@code
   * recordedAt}: the events recorded since (less {@link #RESUME_MARGIN}) first, then live. Of the
   * job of {@code last} nothing up to it comes again; events of other jobs within the margin may.
   */
  public void resumeAll(EventId last, Instant recordedAt) {
    lastSent.merge(last.jobId(), last.seq(), Math::max);
    allJobs = true;
    enqueue(new TenantReplay(recordedAt.minus(RESUME_MARGIN)));
  }

  /** Stops following every job (jobs followed by id stay followed). */
  public void unfollowAll() {
    allJobs = false;
  }

  /**
   * Follows one job: from now on, or, with {@code afterSeq}, from its history after that seq (then
   * live, with no gap and no repeat).
   */
  public void follow(UUID jobId, Integer afterSeq) {
    if (afterSeq != null) {
      // Where it stands first: a live event of the job from now on is sent after the replay.
      lastSent.put(jobId, afterSeq);
    }
    followed.add(jobId);
    if (afterSeq != null) {
      enqueue(new Replay(jobId));
    }
  }

  public void unfollow(UUID jobId) {
    followed.remove(jobId);
    lastSent.remove(jobId);
  }

  /** Whether the job is followed by id. */
  public boolean follows(UUID jobId) {
    return followed.contains(jobId);
  }

  /** Ends the stream: nothing more is sent. */
  public synchronized void close() {
    closed = true;
    pending.clear();
  }

  @Override
  public void onEvent(JobEventMessage event, String json) {
    if (allJobs || followed.contains(event.jobId())) {
      enqueue(new Live(event, json));
    }
  }

  /**
   * A reading (upload or bulk progress) goes to tenant-wide subscribers, in turn with the events.
   */
  @Override
  public void onReading(String json) {
    if (allJobs) {
      enqueue(new Reading(json));
    }
  }

  @Override
  public void onResumed() {
    enqueue(new Resync());
  }

  private void enqueue(Work work) {
    boolean overflowed = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (pending.size() >= limit) {
        closed = true;
        pending.clear();
        overflowed = true;
      } else {
        pending.add(work);
        if (busy) {
          return;
        }
        busy = true;
      }
    }
    if (overflowed) {
      sink.overflowed();
    } else {
      pump();
    }
  }

  /** Sends what waits, until the queue is empty or a send or a history read is outstanding. */
  private void pump() {
    while (true) {
      Work work;
      synchronized (this) {
        work = closed ? null : pending.poll();
        if (work == null) {
          busy = false;
          return;
        }
      }
      if (work instanceof Reading reading) {
        if (!sendReading(reading.json())) {
          return; // the send completes later and pumps on
        }
      } else if (work instanceof Live live && isNext(live.event())) {
        if (!sendAll(List.of(new Out(live.event(), live.json())).iterator())) {
          return; // the send completes later and pumps on
        }
      } else {
        resolveLater(work);
        return;
      }
    }
  }

  private boolean isNext(JobEventMessage event) {
    Integer last = lastSent.get(event.jobId());
    return last == null || event.seq() <= last + 1;
  }

  /** Reads the history a work item needs on the executor, then sends and pumps on. */
  private void resolveLater(Work work) {
    Runnable task =
        () -> {
          List<Out> events;
          try {
            events = resolve(work);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read a job's history for a subscriber", e);
            events =
                work instanceof Live live ? List.of(new Out(live.event(), live.json())) : List.of();
          }
          if (sendAll(events.iterator())) {
            pump();
          }
        };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      close();
      sink.overflowed();
    }
  }

  private List<Out> resolve(Work work) {
    if (work instanceof Live live) {
      JobEventMessage event = live.event();
      Integer last = lastSent.get(event.jobId());
      List<Out> events = new ArrayList<>();
      if (last != null && event.seq() > last + 1) {
        events.addAll(replay(event.jobId(), last, event.seq() - 1));
      }
      events.add(new Out(event, live.json()));
      return events;
    }
    if (work instanceof Replay replay) {
      Integer last = lastSent.get(replay.jobId());
      return last == null ? List.of() : replay(replay.jobId(), last, Integer.MAX_VALUE);
    }
    if (work instanceof TenantReplay tenant) {
      return Out.all(history.since(tenant.since(), TENANT_REPLAY_LIMIT));
    }
    List<Out> events = new ArrayList<>();
    Instant last = lastAt;
    if (allJobs && last != null) {
      events.addAll(Out.all(history.since(last.minus(RESUME_MARGIN), TENANT_REPLAY_LIMIT)));
    }
    for (Map.Entry<UUID, Integer> job : lastSent.entrySet()) {
      events.addAll(replay(job.getKey(), job.getValue(), Integer.MAX_VALUE));
    }
    return events;
  }

  /** The job's events after {@code afterSeq} up to {@code untilSeq}, all pages of them. */
  private List<Out> replay(UUID jobId, int afterSeq, int untilSeq) {
    List<Out> events = new ArrayList<>();
    int after = afterSeq;
    while (after < untilSeq) {
      List<JobEventMessage> page = history.after(jobId, after, REPLAY_PAGE);
      for (JobEventMessage event : page) {
        if (event.seq() <= untilSeq) {
          events.add(new Out(event, null));
        }
      }
      if (page.size() < REPLAY_PAGE) {
        break;
      }
      after = page.get(page.size() - 1).seq();
    }
    return events;
  }

  private boolean sendReading(String json) {
    synchronized (this) {
      if (closed) {
        return false;
      }
    }
    CompletableFuture<?> sent;
    try {
      sent = sink.sendReading(json).toCompletableFuture();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    if (!sent.isDone() || sent.isCompletedExceptionally()) {
      sent.whenComplete(
          (ok, failure) -> {
            if (failure != null) {
              close();
            } else {
              pump();
            }
          });
      return false;
    }
    return true;
  }

  /**
   * Sends events one after another, skipping what this subscriber has had already.
   *
   * @return true when all were sent now; false when a send is outstanding (its completion sends the
   *     rest and pumps on)
   */
  private boolean sendAll(Iterator<Out> events) {
    while (events.hasNext()) {
      Out out = events.next();
      JobEventMessage event = out.event();
      Integer last = lastSent.get(event.jobId());
      if (last != null && event.seq() <= last) {
        continue;
      }
      synchronized (this) {
        if (closed) {
          return false;
        }
      }
      lastSent.merge(event.jobId(), event.seq(), Math::max);
      lastAt = lastAt == null || event.at().isAfter(lastAt) ? event.at() : lastAt;
      CompletableFuture<?> sent;
      try {
        sent = sink.send(event, out.json()).toCompletableFuture();
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      if (event.isTerminal()) {
        if (followed.contains(event.jobId())) {
          sent = sent.thenRun(() -> sink.finished(event.jobId()));
        } else {
          lastSent.remove(event.jobId()); // a tenant-wide stream forgets finished jobs
        }
      }
      if (!sent.isDone() || sent.isCompletedExceptionally()) {
        sent.whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                close();
              } else if (sendAll(events)) {
                pump();
              }
            });
        return false;
      }
    }
    return true;
  }
}
