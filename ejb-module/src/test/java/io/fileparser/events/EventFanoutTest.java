package io.fileparser.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.jobs.JobChanges;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Committed job changes reach every instance through Redis pub/sub (a real Redis). */
class EventFanoutTest {

  private static final Instant AT = Instant.parse("2026-12-02T06:00:00Z");

  private static RedisTestDatabase redis;

  @BeforeAll
  static void open() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @Test
  void aTransactionsChangesToAJobArePublishedOneMessageEachInSeqOrder() throws Exception {
    UUID job = UUID.randomUUID();
    EventFanout fanout = new EventFanout();
    fanout.redis = redis.connection();
    List<JobChanged> changes =
        List.of(
            change(job, 1, null, JobState.RECEIVED, "received"),
            change(job, 2, JobState.RECEIVED, JobState.RECEIVED, "stored"),
            change(job, 3, JobState.RECEIVED, JobState.QUEUED, "queued"));

    List<JobEventMessage> heard;
    try (Listener listener = Listener.on(EventFanout.channel(RedisTestDatabase.DATABASE))) {
      fanout.onChanged(new JobChanges(changes));
      heard = listener.messagesOf(job, 3, Duration.ofSeconds(10));
    }

    assertEquals(List.of(1, 2, 3), heard.stream().map(JobEventMessage::seq).toList());
    assertEquals(
        changes.stream().map(JobEventMessage::of).toList(),
        heard,
        "each message is the change as subscribers read it");
  }

  @Test
  void redisAwayLosesTheMessagesButNotTheCommit() {
    try (RedisTestDatabase away = RedisTestDatabase.at("redis://127.0.0.1:1/0")) {
      EventFanout fanout = new EventFanout();
      fanout.redis = away.connection();
      UUID job = UUID.randomUUID();

      assertDoesNotThrow(
          () ->
              fanout.onChanged(
                  new JobChanges(List.of(change(job, 1, null, JobState.RECEIVED, "received")))));
    }
  }

  private static JobChanged change(UUID job, int seq, JobState from, JobState to, String step) {
    return new JobChanged(job, "acme", seq, from, to, step, null, AT, step, null);
  }

  /** A subscriber of its own connection, as another instance would be. */
  private static final class Listener extends JedisPubSub implements AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final Jedis jedis = new Jedis("127.0.0.1", 6379);
    private Thread thread;

    static Listener on(String channel) throws InterruptedException {
      Listener listener = new Listener();
      listener.thread = new Thread(() -> listener.jedis.subscribe(listener, channel));
      listener.thread.setDaemon(true);
      listener.thread.start();
      if (!listener.subscribed.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not subscribed to " + channel);
      }
      return listener;
    }

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      subscribed.countDown();
    }

    @Override
    public void onMessage(String channel, String message) {
      messages.add(message);
    }

    /** The first {@code count} messages about {@code job} (the channel may carry others'). */
    List<JobEventMessage> messagesOf(UUID job, int count, Duration wait)
        throws InterruptedException {
      List<JobEventMessage> mine = new ArrayList<>();
      long deadline = System.nanoTime() + wait.toNanos();
      while (mine.size() < count && System.nanoTime() < deadline) {
        String message = messages.poll(100, TimeUnit.MILLISECONDS);
        if (message != null) {
          JobEventMessage.fromJson(message).filter(m -> m.jobId().equals(job)).ifPresent(mine::add);
        }
      }
      return mine;
    }

    @Override
    public void close() throws InterruptedException {
      unsubscribe();
      thread.join(5_000);
      jedis.close();
    }
  }
}
