package io.fileparser.workflow;

import io.fileparser.scheduling.DrainingTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks for due scheduled jobs on a fixed delay (the schedule is in PostgreSQL, so a job scheduled
 * before a restart fires after it, late by at most the downtime). A job fires within about one
 * interval after its instant.
 */
@Startup
@Singleton
@ApplicationScoped
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ScheduleRunner extends DrainingTask {

  @Inject ScheduleBatch batch;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.schedule.batch-size", defaultValue = "100")
  int batchSize;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.schedule.interval-ms", defaultValue = "1000")
  long intervalMillis;

  @Override
  protected Duration interval() {
    return Duration.ofMillis(intervalMillis);
  }

  @Override
  protected int batchSize() {
    return batchSize;
  }

  @Override
  protected int drainBatch() {
    return batch.fireDue(batchSize);
  }

  @Override
  protected String failedMessage() {
    return "scheduled jobs are not being released; will try again";
  }

  @Override
  protected String recoveredMessage() {
    return "scheduled jobs are released again";
  }
}
