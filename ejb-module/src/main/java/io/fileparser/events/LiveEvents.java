package io.fileparser.events;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisSubscription;
import io.fileparser.scheduling.Lanes;
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
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's live subscribers and the one Redis subscription that feeds them. Every instance
 * hears every event ({@link EventFanout}) and hands it to the subscribers of the event's tenant
 * only. Handing over must be quick: a subscriber queues the event and sends it on its own time
 * ({@link EventStream}), so a slow client never holds up the others.
 *
 * <p>Each event is rendered as JSON once, then handed over on a few delivery lanes side by side
 * ({@link Lanes}): every subscriber is on one lane for its whole life, so it hears events in the
 * order published, and the frames of one event leave on all lanes at once instead of one after
 * another on the subscription's thread.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LiveEvents {

  private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());

  /** A subscriber of one tenant's events. */
  public interface Listener {
    /**
     * An event of the tenant, as published, and its JSON ({@link JobEventMessage#toJson}, rendered
     * once for all subscribers); called on a delivery lane, the same one for each call to this
     * listener.
     */
    void onEvent(JobEventMessage event, String json);

    /** An event not rendered yet. */
    default void onEvent(JobEventMessage event) {
      onEvent(event, event.toJson());
    }

    /**
     * A reading of the tenant ({@link Readings}: an upload or a bulk operation moved on); called on
     * the listener's delivery lane. Not every listener wants them.
     */
    default void onReading(String json) {}

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

  /** Threads handing events to subscribers side by side; one subscriber stays on one. */
  @Inject
  @ConfigProperty(name = "fileparser.events.delivery-lanes", defaultValue = "2")
  int deliveryLanes;

  /** A tenant's subscribers on this instance, lane by lane. */
  private record Tenant(List<Set<Listener>> byLane) {
    static Tenant of(int lanes) {
      return new Tenant(
          IntStream.range(0, lanes)
              .<Set<Listener>>mapToObj(i -> ConcurrentHashMap.newKeySet())
              .toList());
    }
  }

  private final Map<String, Tenant> byTenant = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger nextLane = new AtomicInteger();
  private Lanes lanes;
  private RedisSubscription subscription;
  private volatile boolean subscribedBefore;

  @PostConstruct
  void start() {
    lanes = new Lanes(threads, "event-delivery", deliveryLanes, 10_000);
    subscription =
        RedisSubscription.start(
            threads,
            redis,
            "job-events",
            List.of(
                EventFanout.channel(redis.database()),
                EventFanout.readingsChannel(redis.database())),
            new RedisSubscription.Handler() {
              @Override
              public void onMessage(String pattern, String channel, String message) {
                if (channel.equals(EventFanout.readingsChannel(redis.database()))) {
                  deliverReading(message);
                } else {
                  deliver(message);
                }
              }

              @Override
              public void onSubscribed(String pattern) {
                if (!pattern.equals(EventFanout.channel(redis.database()))) {
                  return; // nothing to catch up on for upload progress
                }
                if (subscribedBefore) {
                  byTenant.values().forEach(tenant -> handOver(tenant, Listener::onResumed));
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
    if (lanes != null) {
      lanes.stop();
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
    Set<Listener> lane =
        byTenant
            .computeIfAbsent(tenantId, t -> Tenant.of(lanes.size()))
            .byLane()
            .get(Math.floorMod(nextLane.getAndIncrement(), lanes.size()));
    lane.add(listener);
    count.incrementAndGet();
    return () -> {
      if (lane.remove(listener)) {
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
              Tenant tenant = byTenant.get(event.tenantId());
              if (tenant != null) {
                String json = event.toJson();
                handOver(tenant, listener -> listener.onEvent(event, json));
              }
            },
            () -> LOG.warning("ignored a job event that is not one of ours"));
  }

  void deliverReading(String message) {
    String tenantId = Readings.tenantOf(message);
    Tenant tenant = tenantId == null ? null : byTenant.get(tenantId);
    if (tenant != null) {
      handOver(tenant, listener -> listener.onReading(message));
    }
  }

  /** Calls each of the tenant's listeners on its lane, after what was handed to it before. */
  private void handOver(Tenant tenant, Consumer<Listener> call) {
    for (int i = 0; i < tenant.byLane().size(); i++) {
      Set<Listener> lane = tenant.byLane().get(i);
      if (!lane.isEmpty()) {
        lanes.submit(i, () -> lane.forEach(call));
      }
    }
  }
}
