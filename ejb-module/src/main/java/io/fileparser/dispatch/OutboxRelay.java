package io.fileparser.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves the outbox to Redis: on a fixed delay (the safety net for messages whose kick was lost,
 * retries whose backoff has passed, and Redis outages), and at once after each commit that queued a
 * job, so the normal path has no polling delay. One relay run at a time per instance.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final int BATCH = 200;

  @Resource(lookup = "concurrent/parserScheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject OutboxBatch batch;
  @Inject DispatchSettings settings;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean redisDown;
  private ScheduledFuture<?> schedule;

  @PostConstruct
  void start() {
    long interval = settings.relayInterval().toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(this::relay, interval, interval, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  /** After a job was queued and committed: relay now rather than at the next tick. */
  public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueued event) {
    kick();
  }

  public void kick() {
    pending.set(true);
    if (!running.get()) {
      scheduler.execute(this::relay);
    }
  }

  /** Relays until nothing is due; a kick that arrives meanwhile is served by the same run. */
  void relay() {
    if (!running.compareAndSet(false, true)) {
      pending.set(true);
      return;
    }
    try {
      do {
        pending.set(false);
        while (batch.relayDue(BATCH) == BATCH) {
          // a full batch: more may be due
        }
      } while (pending.get());
      if (redisDown) {
        LOG.info("Redis reachable again: outbox relayed");
        redisDown = false;
      }
    } catch (RuntimeException e) {
      if (!redisDown) {
        LOG.log(Level.WARNING, "outbox relay failed; messages stay queued and are retried", e);
        redisDown = true;
      }
    } finally {
      running.set(false);
    }
  }
}
