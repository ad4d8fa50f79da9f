package io.fileparser.monitoring;

import io.fileparser.progress.WorkerRegistry;
import io.fileparser.scan.VirusScanner;
import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  @PersistenceContext EntityManager em;
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
    settle(AlertRule.QUEUE_OLDEST_AGE, this::oldQueues);
    settle(AlertRule.JOBS_FAILURE_RATE, this::failingTenants);
    settle(AlertRule.WEBHOOK_ENDPOINT_DISABLED, this::disabledEndpoints);
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

  @SuppressWarnings("unchecked")
  private List<AlertCondition> oldQueues() {
    List<AlertCondition> holding = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "select j.tenant_id, extract(epoch from now() - min(j.queued_at)), count(*)"
                        + " from jobs j where j.state = 'QUEUED' and j.queued_at is not null"
                        + " and not exists (select 1 from dispatch_pauses p"
                        + " where p.tenant_id = j.tenant_id or p.scope = '*')"
                        + " group by j.tenant_id"
                        + " having min(j.queued_at) < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) oldestQueuedSeconds)
                .getResultList()) {
      double age = ((Number) r[1]).doubleValue();
      holding.add(
          new AlertCondition(
              (String) r[0],
              null,
              Math.floor(age),
              (double) oldestQueuedSeconds,
              String.format(
                  Locale.ROOT,
                  "the oldest of %d queued jobs has waited %.0f s (threshold %d s)",
                  ((Number) r[2]).longValue(),
                  age,
                  oldestQueuedSeconds)));
    }
    return holding;
  }

  @SuppressWarnings("unchecked")
  private List<AlertCondition> failingTenants() {
    List<AlertCondition> holding = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "select tenant_id, count(*) filter (where state in ('FAILED', 'DEAD_LETTERED')),"
                        + " count(*) from jobs where finished_at >= now() - make_interval(mins => ?1)"
                        + " and state in ('COMPLETED', 'FAILED', 'DEAD_LETTERED')"
                        + " group by tenant_id having count(*) >= ?2")
                .setParameter(1, failureWindowMinutes)
                .setParameter(2, failureMinJobs)
                .getResultList()) {
      long failed = ((Number) r[1]).longValue();
      long finished = ((Number) r[2]).longValue();
      double rate = (double) failed / finished;
      if (rate > failureRate) {
        holding.add(
            new AlertCondition(
                (String) r[0],
                null,
                Math.round(rate * 1000) / 1000.0,
                failureRate,
                String.format(
                    Locale.ROOT,
                    "%d of %d jobs finished in the last %d min failed (threshold %.0f %%)",
                    failed,
                    finished,
                    failureWindowMinutes,
                    failureRate * 100)));
      }
    }
    return holding;
  }

  @SuppressWarnings("unchecked")
  private List<AlertCondition> disabledEndpoints() {
    List<AlertCondition> holding = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "select tenant_id, cast(id as varchar), url, disabled_reason"
                        + " from webhook_endpoints where not enabled"
                        // an admin's own choice ("disabled by user:...") is not an alert
                        + " and (disabled_reason is null or disabled_reason not like 'disabled by %')")
                .getResultList()) {
      holding.add(
          new AlertCondition(
              (String) r[0],
              (String) r[1],
              null,
              null,
              "webhook endpoint "
                  + r[2]
                  + " is disabled"
                  + (r[3] == null ? "" : ": " + r[3])
                  + "; enable it again once it answers"));
    }
    return holding;
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
            scanner.describe() + " does not answer: uploads are refused or wait for the scan"));
  }
}
