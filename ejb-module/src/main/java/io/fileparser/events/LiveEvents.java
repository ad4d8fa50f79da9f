package io.fileparser.events;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisSubscription;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's live subscribers and the one Redis subscription that feeds them. Every instance
 * hears every event ({@link EventFanout}) and hands it to the subscribers of the event's tenant
 * only. Handing over must be quick: a subscriber queues the event and sends it on its own time
 * ({@link EventStream}), so a slow client never holds up the others.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LiveEvents {

  private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());

  /** A subscriber of one tenant's events. */
  public interface Listener {
    /** An event of the tenant, as published; called on the subscription's thread. */
    void onEvent(JobEventMessage event);

    /** The subscription was interrupted and is back: events may have been missed meanwhile. */
    void onResumed();
  }

  @Resource(lookup = "concurrent/parserThreads")
  ManagedThreadFactory threads;

  @Inject RedisConnection redis;
  @Inject EventReplay replay;

  @Resource(lookup = "concurrent/parserExecutor")
  ManagedExecutorService executor;

  /** Events that may wait for one subscriber before it is cut off as too slow. */
  @Inject
  @ConfigProperty(name = "fileparser.events.queue-limit", defaultValue = "1000")
  int queueLimit;

  private final Map<String, Set<Listener>> byTenant = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private RedisSubscription subscription;
  private volatile boolean subscribedBefore;

  @PostConstruct
  void start() {
    subscription =
        RedisSubscription.start(
            threads,
            redis,
            "job-events",
            List.of(EventFanout.channel(redis.database())),
            new RedisSubscription.Handler() {
              @Override
              public void onMessage(String pattern, String channel, String message) {
                deliver(message);
              }

              @Override
              public void onSubscribed(String pattern) {
                if (subscribedBefore) {
                  byTenant.values().forEach(set -> set.forEach(Listener::onResumed));
                }
                subscribedBefore = true;
              }
            });
  }

  @PreDestroy
  void stop() {
    if (subscription != null) {
      subscription.stop();
    }
  }

  /** A subscriber's stream, live until closed. */
  public record Subscription(EventStream stream, AutoCloseable registration) {
    /** Stops the stream and removes it from the instance's subscribers. */
    public void close() {
      stream.close();
      try {
        registration.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Opens a stream of {@code tenantId}'s events to {@code sink}, following no job yet: the caller
   * says which ({@link EventStream#follow}, {@link EventStream#followAll}). Replays read the
   * tenant's history only.
   */
  public Subscription open(String tenantId, EventStream.Sink sink) {
    EventStream stream =
        new EventStream(
            sink,
            new EventStream.History() {
              @Override
              public List<JobEventMessage> after(UUID jobId, int afterSeq, int limit) {
                return replay.after(tenantId, jobId, afterSeq, limit);
              }

              @Override
              public List<JobEventMessage> since(Instant since, int limit) {
                return replay.since(tenantId, since, limit);
              }
            },
            executor,
            queueLimit);
    return new Subscription(stream, subscribe(tenantId, stream));
  }

  /** Adds a subscriber of {@code tenantId}'s events until the returned handle is closed. */
  public AutoCloseable subscribe(String tenantId, Listener listener) {
    byTenant.computeIfAbsent(tenantId, t -> ConcurrentHashMap.newKeySet()).add(listener);
    count.incrementAndGet();
    return () -> {
      Set<Listener> set = byTenant.get(tenantId);
      if (set != null && set.remove(listener)) {
        count.decrementAndGet();
      }
    };
  }

  /** How many subscribers this instance holds. */
  public int subscribers() {
    return count.get();
  }

  void deliver(String message) {
    JobEventMessage.fromJson(message)
        .ifPresentOrElse(
            event -> {
              Set<Listener> listeners = byTenant.get(event.tenantId());
              if (listeners != null) {
                listeners.forEach(listener -> listener.onEvent(event));
              }
            },
            () -> LOG.warning("ignored a job event that is not one of ours"));
  }
}
