package io.fileparser.telemetry;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts and times what the capabilities report, in the application's metric registry. Names follow
 * Prometheus' conventions once exposed: counters end in {@code _total}, timers are summaries in
 * seconds ({@code _seconds}, with {@code _count}, {@code _sum} and {@code _max}). Timers carry no
 * quantiles ({@code mp.metrics.distribution.percentiles} in microprofile-config.properties): Payara
 * 6.2025.9 writes a timer's quantiles in nanoseconds under the {@code _seconds} name (fixed in
 * later Payara releases), and a summary's quantiles cannot be added up over instances anyway; the
 * dashboard summary ({@code /admin/metrics}) has the percentiles. Tag values come from small fixed
 * sets (formats, verdicts, outcomes), never from tenants or ids, so the number of series stays
 * bounded.
 */
@ApplicationScoped
public class Telemetry {

  private static final Logger LOG = Logger.getLogger(Telemetry.class.getName());

  static final String UPLOADS = "fileparser_uploads";
  static final String UPLOAD_BYTES = "fileparser_upload_bytes";
  static final String SCAN_VERDICTS = "fileparser_scan_verdicts";
  static final String DISPATCH_LATENCY = "fileparser_dispatch_latency";
  static final String REPORT_LATENCY = "fileparser_progress_latency";
  static final String PROCESSING = "fileparser_processing_time";
  static final String WEBHOOK_DELIVERIES = "fileparser_webhook_deliveries";
  static final String JOB_EVENTS = "fileparser_job_events";
  static final String RESUMABLE_CHECKS = "fileparser_resumable_checks";

  @Inject MetricRegistry registry;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * A file was received and a job created for it; counted when the transaction creating the job
   * commits (not at all if it rolls back).
   */
  public void uploadReceived(String format, long bytes) {
    onCommit(
        () -> {
          Tag tag = tag("format", format);
          registry
              .counter(
                  Metadata.builder()
                      .withName(UPLOADS)
                      .withDescription("Files received that became jobs, by detected format")
                      .build(),
                  tag)
              .inc();
          registry
              .counter(
                  Metadata.builder()
                      .withName(UPLOAD_BYTES)
                      .withDescription(
                          "Bytes of the files received that became jobs (as stored, after"
                              + " decompression), by detected format")
                      .build(),
                  tag)
              .inc(Math.max(0, bytes));
        });
  }

  /**
   * A job's change committed, named by its event type ({@code job.completed} counts as {@code
   * completed}): jobs created, retried, dead-lettered, failed and so on, counted by the instance
   * that made the change.
   */
  public void jobEvent(String type) {
    guarded(
        () ->
            registry
                .counter(
                    Metadata.builder()
                        .withName(JOB_EVENTS)
                        .withDescription(
                            "Committed job changes, by event type (created, queued, dispatched,"
                                + " completed, failed, retried, dead_lettered, ...)")
                        .build(),
                    tag("type", type.startsWith("job.") ? type.substring(4) : type))
                .inc());
  }

  /** The virus scanner judged a file: {@code clean}, {@code infected} or {@code skipped}. */
  public void scanned(String verdict) {
    guarded(
        () ->
            registry
                .counter(
                    Metadata.builder()
                        .withName(SCAN_VERDICTS)
                        .withDescription("Files judged by the virus scanner, by verdict")
                        .build(),
                    tag("verdict", verdict))
                .inc());
  }

  /**
   * A resumable upload was complete and handed to the pipeline, its scan and validation having read
   * its chunks as they arrived ({@code as-received}) or reading it back from the store ({@code
   * read-back}); an attempt after a storage outage counts again.
   */
  public void resumableChecked(String how) {
    guarded(
        () ->
            registry
                .counter(
                    Metadata.builder()
                        .withName(RESUMABLE_CHECKS)
                        .withDescription(
                            "Complete resumable uploads by how their scan and validation read"
                                + " them: as the chunks arrived, or read back from the store")
                        .build(),
                    tag("checked", how))
                .inc());
  }

  /**
   * A task message left for the broker, {@code waited} after it became due; recorded when the
   * transaction marking it sent commits.
   */
  public void dispatched(int priority, Duration waited) {
    onCommit(
        () ->
            time(
                DISPATCH_LATENCY,
                "From a task message becoming due in the outbox to its push onto the broker, by"
                    + " priority band",
                waited,
                new Tag("priority", Integer.toString(priority))));
  }

  /**
   * A worker's report (progress or outcome) was applied to its job, {@code latency} after the
   * worker made it.
   */
  public void reportApplied(String kind, Duration latency) {
    time(
        REPORT_LATENCY,
        "From a worker's report (progress or outcome) to its job's change, by kind",
        latency,
        tag("kind", kind));
  }

  /**
   * A worker finished a job's attempt ({@code outcome}: completed, needs_mapping, failed) in {@code
   * took}; recorded when the change commits.
   */
  public void processed(String format, String outcome, Duration took) {
    onCommit(
        () ->
            time(
                PROCESSING,
                "From a job's dispatch to its worker's outcome, by format and outcome",
                took,
                tag("format", format),
                tag("outcome", outcome)));
  }

  /**
   * A webhook delivery attempt ended: {@code delivered}, {@code failed} (to be tried again) or
   * {@code abandoned} (no attempt follows); counted when its record commits.
   */
  public void webhookAttempt(String outcome) {
    onCommit(
        () ->
            registry
                .counter(
                    Metadata.builder()
                        .withName(WEBHOOK_DELIVERIES)
                        .withDescription(
                            "Webhook delivery attempts, by outcome (delivered, failed, abandoned)")
                        .build(),
                    tag("outcome", outcome))
                .inc());
  }

  private void time(String name, String description, Duration took, Tag... tags) {
    if (took == null || took.isNegative()) {
      // a clock set back between two hosts: no honest figure to record
      return;
    }
    guarded(
        () ->
            registry
                .timer(
                    Metadata.builder()
                        .withName(name)
                        .withDescription(description)
                        // what a Timer holds: the exporter scales _max to seconds by it
                        .withUnit(MetricUnits.NANOSECONDS)
                        .build(),
                    tags)
                .update(took));
  }

  /** Runs {@code counting} after the current transaction commits, or now if there is none. */
  private void onCommit(Runnable counting) {
    if (transactions == null || transactions.getTransactionKey() == null) {
      guarded(counting);
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              guarded(counting);
            }
          }
        });
  }

  private static Tag tag(String name, String value) {
    return new Tag(name, value == null ? "unknown" : value.toLowerCase(Locale.ROOT));
  }

  private static void guarded(Runnable counting) {
    try {
      counting.run();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "a measurement was not recorded", e);
    }
  }
}
