package io.fileparser.broker;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * A pattern subscription that lasts: on a managed thread and a connection of its own (a subscribed
 * connection can do nothing else), it reconnects with growing delays (0.5 s, doubling up to 30 s)
 * when the connection drops, and tells its owner after every (re)subscription, so that the owner
 * can catch up on what was published while it was away: Redis pub/sub keeps nothing for absent
 * listeners.
 */
public final class RedisSubscription {

  private static final Logger LOG = Logger.getLogger(RedisSubscription.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** What the owner does with messages; called on the subscription's thread, so it is quick. */
  public interface Handler {
    void onMessage(String pattern, String channel, String message);

    /** The pattern is (again) subscribed: catch up, on another thread. */
    default void onSubscribed(String pattern) {}
  }

  private final RedisConnection redis;
  private final List<String> patterns;
  private final Handler handler;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Jedis connection;
  private volatile JedisPubSub subscription;

  private RedisSubscription(
      ManagedThreadFactory threads,
      RedisConnection redis,
      String name,
      List<String> patterns,
      Handler handler) {
    this.redis = redis;
    this.patterns = List.copyOf(patterns);
    this.handler = handler;
    this.thread = threads.newThread(this::listen);
    this.thread.setName(name);
  }

  /** Subscribes to {@code patterns} on a new thread named {@code name} until {@link #stop}. */
  public static RedisSubscription start(
      ManagedThreadFactory threads,
      RedisConnection redis,
      String name,
      List<String> patterns,
      Handler handler) {
    RedisSubscription started = new RedisSubscription(threads, redis, name, patterns, handler);
    started.thread.start();
    return started;
  }

  /** Unsubscribes, closes the connection and ends the thread. */
  public void stop() {
    stopping = true;
    JedisPubSub current = subscription;
    if (current != null && current.isSubscribed()) {
      current.punsubscribe();
    }
    Jedis jedis = connection;
    if (jedis != null) {
      jedis.close();
    }
    thread.interrupt();
  }

  private void listen() {
    Duration backoff = FIRST_BACKOFF;
    while (!stopping) {
      try (Jedis jedis = redis.subscriber()) {
        connection = jedis;
        subscription = new Forwarder();
        backoff = FIRST_BACKOFF;
        jedis.psubscribe(subscription, patterns.toArray(String[]::new));
      } catch (RuntimeException e) {
        if (stopping) {
          return;
        }
        LOG.log(
            Level.WARNING,
            "lost the Redis subscription " + thread.getName() + "; reconnecting in " + backoff,
            e);
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private final class Forwarder extends JedisPubSub {
    @Override
    public void onPSubscribe(String pattern, int subscribedChannels) {
      handler.onSubscribed(pattern);
    }

    @Override
    public void onPMessage(String pattern, String channel, String message) {
      try {
        handler.onMessage(pattern, channel, message);
      } catch (RuntimeException e) {
        // One bad message must not end the subscription.
        LOG.log(Level.WARNING, "could not handle a message on " + channel, e);
      }
    }
  }
}
