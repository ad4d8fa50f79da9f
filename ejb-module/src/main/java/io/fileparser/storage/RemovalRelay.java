package io.fileparser.storage;

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
 * Carries out scheduled object removals ({@link ContentRemovals}): at once after the commit that
 * scheduled them, and on a fixed delay for those a stopped server or a store outage left behind. A
 * failed round leaves the removals due and is retried.
 */
@Startup
@Singleton
@ApplicationScoped
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RemovalRelay extends DrainingTask {

  private static final int BATCH = 100;

  @Inject ContentRemovals removals;

  @Inject
  @ConfigProperty(name = "fileparser.storage.removal-interval-s", defaultValue = "60")
  long intervalSeconds;

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  public void onScheduled(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) ContentRemovals.Scheduled scheduled) {
    kick();
  }

  @Override
  protected int batchSize() {
    return BATCH;
  }

  @Override
  protected int drainBatch() {
    return removals.removeDue(BATCH);
  }

  @Override
  protected String failedMessage() {
    return "removing deleted objects failed; they stay scheduled and are retried";
  }

  @Override
  protected String recoveredMessage() {
    return "deleted objects removed again";
  }
}
