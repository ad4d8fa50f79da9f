package io.fileparser.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /jobs/analytics} answers for the caller's tenant, over the jobs created in {@code
 * [from, to)}: counts by state, format, template and error category; the failure rate; queue wait
 * and processing time percentiles; throughput per interval; the most frequent error patterns; data
 * quality (rows read and rejected, with the reasons); and, when grouped, the same figures per
 * group.
 *
 * @param failureRate failed and dead-lettered among the finished (completed, failed,
 *     dead-lettered); null when none finished
 */
public record JobAnalyticsReport(
    String tenantId,
    Instant from,
    Instant to,
    String groupBy,
    String interval,
    Figures totals,
    Map<String, Long> byState,
    Map<String, Long> byFormat,
    Map<String, Long> byTemplate,
    Map<String, Long> byErrorCategory,
    List<Bucket> throughput,
    List<ErrorPattern> topErrors,
    List<Reason> rejectReasons,
    List<Group> groups) {

  /**
   * The figures of a set of jobs.
   *
   * @param finished completed, failed or dead-lettered
   * @param failed failed or dead-lettered
   * @param rowsRead rows the workers read in completed jobs
   * @param rowsRejected rows they left out (reasons in {@code rejectReasons})
   */
  public record Figures(
      long jobs,
      long finished,
      long completed,
      long failed,
      Double failureRate,
      Percentiles queueWaitSeconds,
      Percentiles processingSeconds,
      long rowsRead,
      long rowsRejected) {}

  /**
   * Jobs created, completed and failed in one interval starting at {@code start}; the queue wait
   * and processing time of the jobs that finished in it (null percentiles: none finished).
   */
  public record Bucket(
      Instant start,
      long created,
      long completed,
      long failed,
      Percentiles queueWaitSeconds,
      Percentiles processingSeconds) {}

  /**
   * Failures of one category with one message once digits are set aside ({@code #}), how many and
   * the last one; the remediation the status shows for it.
   */
  public record ErrorPattern(
      String category, String pattern, long count, Instant lastAt, String remediation) {}

  /** A reason the workers gave for leaving rows out, and how many rows. */
  public record Reason(String reason, long rows) {}

  /** The figures of the jobs that share one value of {@code groupBy}. */
  public record Group(String key, Figures figures) {}
}
