package io.fileparser.dispatch;

import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.scheduling.DrainingTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Moves the outbox to Redis: on a fixed delay (the safety net for messages whose kick was lost,
 * retries whose backoff has passed, and Redis outages), and at once after each commit that queued a
 * job, so the normal path has no polling delay. One relay run at a time per instance.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay extends DrainingTask {

  private static final int BATCH = 200;

  @Inject OutboxBatch batch;
  @Inject DispatchSettings settings;

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

  /** Dispatch was resumed: what the pause held back is due now. */
  public void onResumed(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) DispatchResumed resumed) {
    kick();
  }

  @Override
  protected int batchSize() {
    return BATCH;
  }

  @Override
  protected int drainBatch() {
    return batch.relayDue(BATCH);
  }

  @Override
  protected String failedMessage() {
    return "outbox relay failed; messages stay queued and are retried";
  }

  @Override
  protected String recoveredMessage() {
    return "Redis reachable again: outbox relayed";
  }
}
