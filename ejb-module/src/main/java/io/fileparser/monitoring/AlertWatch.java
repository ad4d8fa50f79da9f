package io.fileparser.monitoring;

import io.fileparser.progress.WorkerRegistry;
import io.fileparser.scan.VirusScanner;
import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Evaluates the alert rules on a schedule and settles each against what is firing ({@link
 * Alerts#settle}): an alert fires when its condition starts to hold and clears when it stops, each
 * once, whichever instances evaluate. A rule that cannot be evaluated (its data is away) is left as
 * it is for the round rather than cleared.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertWatch extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(AlertWatch.class.getName());

  @Inject AlertConditions conditions;
  @Inject Alerts alerts;
  @Inject WorkerRegistry workers;
  @Inject VirusScanner scanner;

  @Inject
  @ConfigProperty(name = "fileparser.alerts.interval-s", defaultValue = "30")
  int intervalSeconds;

  /** A tenant's oldest queued job older than this fires {@code queue.oldest_age}. */
  @Inject
  @ConfigProperty(name = "fileparser.alerts.oldest-queued-s", defaultValue = "600")
  long oldestQueuedSeconds;

  /** Failed among a tenant's jobs finished in the window above this fires the failure rate. */
  @Inject
  @ConfigProperty(name = "fileparser.alerts.failure-rate", defaultValue = "0.5")
  double failureRate;

  @Inject
  @ConfigProperty(name = "fileparser.alerts.failure-window-minutes", defaultValue = "15")
  int failureWindowMinutes;

  /** Fewer finished jobs than this in the window say nothing about a rate. */
  @Inject
  @ConfigProperty(name = "fileparser.alerts.failure-min-jobs", defaultValue = "10")
  int failureMinJobs;

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(Math.max(1, intervalSeconds));
  }

  @Override
  protected void runRound() {
    settle(AlertRule.QUEUE_OLDEST_AGE, () -> conditions.oldQueues(oldestQueuedSeconds));
    settle(
        AlertRule.JOBS_FAILURE_RATE,
        () -> conditions.failingTenants(failureRate, failureWindowMinutes, failureMinJobs));
    settle(AlertRule.WEBHOOK_ENDPOINT_DISABLED, conditions::disabledEndpoints);
    settle(AlertRule.WORKERS_NONE_LIVE, this::noLiveWorker);
    settle(AlertRule.SCANNER_DOWN, this::scannerDown);
  }

  private interface Evaluation {
    List<AlertCondition> holding();
  }

  private void settle(AlertRule rule, Evaluation evaluation) {
    try {
      alerts.settle(rule, evaluation.holding());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "alert rule " + rule.wireName() + " not evaluated this round", e);
    }
  }

  private List<AlertCondition> noLiveWorker() {
    List<WorkerRegistry.WorkerView> all = workers.list();
    if (all.stream().anyMatch(WorkerRegistry.WorkerView::alive)) {
      return List.of();
    }
    return List.of(
        new AlertCondition(
            null,
            null,
            0.0,
            null,
            all.isEmpty()
                ? "no parse worker has been heard from"
                : "none of the "
                    + all.size()
                    + " parse workers heard from sent a heartbeat within its interval"));
  }

  private List<AlertCondition> scannerDown() {
    if (!scanner.isEnabled() || scanner.isReachable()) {
      return List.of();
    }
    return List.of(
        new AlertCondition(
            null,
            null,
            null,
            null,
            scanner
                .refusal()
                .map(why -> "virus scanner not used: " + why)
                .orElse(
                    scanner.describe()
                        + " does not answer: uploads are refused or wait for the scan")));
  }
}
