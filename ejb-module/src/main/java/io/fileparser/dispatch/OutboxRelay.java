package io.fileparser.dispatch;

import io.fileparser.jobs.JobChanges;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.scheduling.DrainingTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Moves the outbox to Redis: on a fixed delay (the safety net for messages whose kick was lost,
 * retries whose backoff has passed, and Redis outages), and at once after each commit that queued a
 * job or ended one of its tenant's jobs in flight (fair share: that tenant may release its next),
 * so the normal path has no polling delay. One relay run at a time per instance.
 */
@Startup
@Singleton
@ApplicationScoped
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay extends DrainingTask {

  private static final int BATCH = 200;

  @Inject OutboxBatch batch;
  @Inject DispatchSettings settings;

  @Override
  protected Duration interval() {
    return settings.relayInterval();
  }

  /**
   * After a job entered the queue, or left the tenant's jobs in flight (finished, awaiting a
   * mapping, back in the outbox), and the change committed: relay now, not at the next tick, so the
   * tenant's next held job goes out at once.
   */
  public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobChanges changes) {
    if (changes.changes().stream().anyMatch(c -> c.isQueueing() || freesAPlace(c))) {
      kick();
    }
  }

  /** Whether the change ends a job's time in flight, so its tenant may release another. */
  static boolean freesAPlace(JobChanged change) {
    JobState from = change.from();
    JobState to = change.to();
    return (from == JobState.QUEUED || from == JobState.RUNNING)
        && from != to
        && (to.isTerminal() || to == JobState.NEEDS_MAPPING || to == JobState.QUEUED);
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
