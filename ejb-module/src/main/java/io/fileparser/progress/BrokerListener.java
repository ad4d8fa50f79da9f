package io.fileparser.progress;

import io.fileparser.broker.RedisConnection;
import io.fileparser.dispatch.KombuQueues;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens to what the workers publish: task states on {@code celery-task-meta-*} and worker events
 * on {@code /<db>.celeryev/*}. Runs on a managed thread with its own connection; when the
 * connection drops it reconnects with growing delays, and after every (re)subscription it reads the
 * stored state of every in-flight job, so a state published while it was away is not missed.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BrokerListener {

  private static final Logger LOG = Logger.getLogger(BrokerListener.class.getName());
  private static final String TASK_PATTERN = TaskState.KEY_PREFIX + "*";
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  @Resource(lookup = "concurrent/parserThreads")
  ManagedThreadFactory threads;

  @Inject RedisConnection redis;
  @Inject StoredStates storedStates;
  @Inject WorkerRegistry workers;

  @Inject
  @ConfigProperty(name = "fileparser.progress.min-interval-ms", defaultValue = "500")
  long minIntervalMillis;

  private ProgressThrottle throttle;
  private volatile boolean stopping;
  private volatile Jedis connection;
  private volatile JedisPubSub subscription;
  private Thread thread;

  @PostConstruct
  void start() {
    throttle = new ProgressThrottle(Duration.ofMillis(minIntervalMillis));
    thread = threads.newThread(this::listen);
    thread.setName("broker-listener");
    thread.start();
  }

  @PreDestroy
  void stop() {
    stopping = true;
    JedisPubSub current = subscription;
    if (current != null && current.isSubscribed()) {
      current.punsubscribe();
    }
    Jedis jedis = connection;
    if (jedis != null) {
      jedis.close();
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void listen() {
    Duration backoff = Duration.ofMillis(500);
    while (!stopping) {
      try (Jedis jedis = redis.subscriber()) {
        connection = jedis;
        subscription = new Subscription();
        backoff = Duration.ofMillis(500);
        jedis.psubscribe(
            subscription, TASK_PATTERN, KombuQueues.eventChannelPattern(redis.database()));
      } catch (RuntimeException e) {
        if (stopping) {
          return;
        }
        LOG.log(Level.WARNING, "lost the Redis subscription; reconnecting in " + backoff, e);
      }
      sleep(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  /** Applies the stored state of every job in flight: the catch-up after (re)subscribing. */
  void reconcile() {
    storedStates.reconcile();
  }

  private void onTaskState(String json) {
    TaskState.parse(json)
        .ifPresent(
            state -> {
              int percent = state.result().path("percent").asInt(0);
              String step = state.result().path("step").asText(null);
              if (throttle.accept(state.taskId(), state.status(), step, percent, Instant.now())) {
                storedStates.applyQuietly(state);
              }
            });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Subscription extends JedisPubSub {
    @Override
    public void onPSubscribe(String pattern, int subscribedChannels) {
      if (pattern.equals(TASK_PATTERN)) {
        // Catch up on a separate thread: this one must keep reading the subscription.
        threads.newThread(BrokerListener.this::reconcile).start();
      }
    }

    @Override
    public void onPMessage(String pattern, String channel, String message) {
      if (pattern.equals(TASK_PATTERN)) {
        onTaskState(message);
      } else {
        workers.onEvent(message);
      }
    }
  }
}
