package io.fileparser.dispatch;

import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
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
public class OutboxRelay extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  private static final int BATCH = 200;

  @Inject OutboxBatch batch;
  @Inject DispatchSettings settings;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean redisDown;

  @Override
  protected Duration interval() {
    return settings.relayInterval();
  }

  /** After a job entered the queue and the change committed: relay now, not at the next tick. */
  public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanged change) {
    if (change.isQueueing()) {
      kick();
    }
  }

  public void kick() {
    pending.set(true);
    if (!running.get()) {
      runSoon();
    }
  }

  /** Relays until nothing is due; a kick that arrives meanwhile is served by the same run. */
  @Override
  protected void runRound() {
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
