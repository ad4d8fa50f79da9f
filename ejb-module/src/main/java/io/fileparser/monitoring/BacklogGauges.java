package io.fileparser.monitoring;

import io.fileparser.progress.WorkerRegistry;
import io.fileparser.queue.QueueOverview;
import io.fileparser.queue.QueueScope;
import io.fileparser.queue.QueueStatus;
import io.fileparser.scheduling.PeriodicTask;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The backlog as gauges at {@code /metrics}: per priority band the messages waiting to be
 * dispatched, delayed by a retry's backoff and dispatched but not started, and the age of the
 * oldest waiting one; jobs running, held back by their tenant's limit of jobs in flight, awaiting a
 * mapping and dead-lettered; whether dispatch is paused globally; live and stale workers. Sampled
 * from PostgreSQL on a schedule, never on a scrape (a scraper cannot load the database), every
 * instance sampling the same shared figures; the age is computed at the scrape from the sampled
 * instant, so it grows between samples as it should.
 *
 * <p>The gauges are registered programmatically and removed when the application stops, so a
 * redeployment registers the new instance's, not a stale copy bound to the previous one.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BacklogGauges extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(BacklogGauges.class.getName());
  private static final int BANDS = 10;

  @Inject QueueOverview overview;
  @Inject WorkerRegistry workers;
  @Inject MetricRegistry registry;
  @Inject MetricsSummary summary;

  @Inject
  @ConfigProperty(name = "fileparser.metrics.sample-interval-ms", defaultValue = "15000")
  long intervalMillis;

  /** The last sample; null until the first. */
  private volatile Sample sample;

  private final List<MetricID> registered = new ArrayList<>();

  /** One reading of the shared figures. */
  record Sample(QueueStatus queue, long awaitingMapping) {}

  @Override
  protected Duration interval() {
    return Duration.ofMillis(Math.max(1000, intervalMillis));
  }

  @Override
  protected Duration initialDelay() {
    return Duration.ofSeconds(1);
  }

  @Override
  protected void runRound() {
    try {
      sample =
          new Sample(
              overview.status(QueueScope.platform("metrics"), null), summary.awaitingMapping());
    } catch (RuntimeException e) {
      // keep the previous sample: a gauge that jumps to 0 while the database is away would lie
      LOG.log(Level.WARNING, "the backlog was not sampled this round", e);
    }
  }

  @PostConstruct
  void register() {
    for (int p = 0; p < BANDS; p++) {
      int band = p;
      Tag priority = new Tag("priority", Integer.toString(p));
      gauge(
          "fileparser_queue_waiting",
          "Task messages due to be dispatched (held back while paused), by priority band",
          MetricUnits.NONE,
          () -> band(band, QueueStatus.Band::waiting),
          priority);
      gauge(
          "fileparser_queue_delayed",
          "Task messages waiting out a retry's backoff, by priority band",
          MetricUnits.NONE,
          () -> band(band, QueueStatus.Band::delayed),
          priority);
      gauge(
          "fileparser_queue_dispatched",
          "Tasks the broker holds that no worker started yet, by priority band",
          MetricUnits.NONE,
          () -> band(band, QueueStatus.Band::dispatched),
          priority);
      gauge(
          "fileparser_queue_oldest_age",
          "Age of the oldest task message waiting to be dispatched, by priority band (0: none)",
          MetricUnits.SECONDS,
          () -> oldestAge(band),
          priority);
    }
    gauge(
        "fileparser_jobs_running",
        "Jobs a worker is processing",
        MetricUnits.NONE,
        () ->
            sample == null
                ? 0L
                : sample.queue().inFlight().stream()
                    .mapToLong(QueueStatus.TenantInFlight::processing)
                    .sum());
    gauge(
        "fileparser_jobs_held",
        "Jobs due to be dispatched that their tenant's limit of jobs in flight holds back",
        MetricUnits.NONE,
        () ->
            sample == null
                ? 0L
                : sample.queue().inFlight().stream()
                    .mapToLong(QueueStatus.TenantInFlight::held)
                    .sum());
    gauge(
        "fileparser_jobs_awaiting_mapping",
        "Jobs waiting for a person to map their columns",
        MetricUnits.NONE,
        () -> sample == null ? 0L : sample.awaitingMapping());
    gauge(
        "fileparser_jobs_dead_lettered",
        "Jobs dead-lettered and not re-queued or purged",
        MetricUnits.NONE,
        () -> sample == null ? 0L : sample.queue().deadLettered());
    gauge(
        "fileparser_dispatch_paused",
        "1 while dispatch is paused globally, else 0",
        MetricUnits.NONE,
        () -> sample != null && sample.queue().pausedGlobally() ? 1L : 0L);
    gauge(
        "fileparser_workers",
        "Parse workers heard from, live (a heartbeat within their interval) or stale",
        MetricUnits.NONE,
        () -> workers.list().stream().filter(WorkerRegistry.WorkerView::alive).count(),
        new Tag("status", "live"));
    gauge(
        "fileparser_workers",
        "Parse workers heard from, live (a heartbeat within their interval) or stale",
        MetricUnits.NONE,
        () -> workers.list().stream().filter(w -> !w.alive()).count(),
        new Tag("status", "stale"));
  }

  @PreDestroy
  void unregister() {
    synchronized (registered) {
      registered.forEach(registry::remove);
      registered.clear();
    }
  }

  private long band(int priority, java.util.function.ToLongFunction<QueueStatus.Band> figure) {
    Sample s = sample;
    if (s == null) {
      return 0;
    }
    return s.queue().bands().stream().filter(b -> b.priority() == priority).mapToLong(figure).sum();
  }

  private double oldestAge(int priority) {
    Sample s = sample;
    if (s == null) {
      return 0;
    }
    return s.queue().bands().stream()
        .filter(b -> b.priority() == priority && b.oldestWaitingSince() != null)
        .mapToDouble(
            b ->
                Math.max(0, Duration.between(b.oldestWaitingSince(), Instant.now()).toMillis())
                    / 1000.0)
        .findFirst()
        .orElse(0);
  }

  private <T extends Number> void gauge(
      String name, String description, String unit, Supplier<T> value, Tag... tags) {
    MetricID id = new MetricID(name, tags);
    synchronized (registered) {
      // left by a previous deployment that did not stop cleanly
      registry.remove(id);
      registry.gauge(
          Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
          value,
          tags);
      registered.add(id);
    }
  }
}
