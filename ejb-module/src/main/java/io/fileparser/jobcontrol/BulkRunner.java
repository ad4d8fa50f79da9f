package io.fileparser.jobcontrol;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs stored bulk operations in batches: at once after an operation is stored, and on a fixed
 * delay, which also resumes operations a stopped server left unfinished (their pending items are in
 * PostgreSQL).
 */
@Startup
@Singleton
@ApplicationScoped
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BulkRunner extends DrainingTask {

  @Inject BulkBatch batch;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.bulk.batch-size", defaultValue = "50")
  int batchSize;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.bulk.interval-ms", defaultValue = "1000")
  long intervalMillis;

  @Override
  protected Duration interval() {
    return Duration.ofMillis(intervalMillis);
  }

  public void onStarted(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) BulkLedger.Started started) {
    kick();
  }

  @Override
  protected int batchSize() {
    return batchSize;
  }

  @Override
  protected int drainBatch() {
    return batch.runNext(batchSize);
  }

  @Override
  protected String failedMessage() {
    return "bulk operations stalled; their pending items are retried";
  }

  @Override
  protected String recoveredMessage() {
    return "bulk operations running again";
  }
}
