package io.fileparser.monitoring;

import io.fileparser.jobs.entity.Step;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.queue.QueueScope;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The diagnostics of {@code /admin/diagnostics}: where the time of finished jobs went (queue wait
 * against processing per format and template, and per step), the slowest jobs and the longest
 * running ones, read from PostgreSQL over a window (the jobs that finished in it, found through the
 * index on {@code jobs.finished_at}). A tenant's admins and owners see their tenant; the operator
 * every tenant, or one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Diagnostics {

  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 100;

  /** Per format and template, the groups with the most processing time first; at most these. */
  static final int MAX_TEMPLATE_GROUPS = 200;

  private static final String FINISHED = "('COMPLETED', 'FAILED', 'DEAD_LETTERED')";

  @PersistenceContext EntityManager em;

  /**
   * @param windowHours the hours to look back, 1 to {@link MetricsSummary#MAX_WINDOW_HOURS} (null:
   *     24)
   * @param limit how many slowest and longest-running jobs, 1 to {@link #MAX_LIMIT} (null: 10)
   * @throws ProblemException {@code invalid_request} for a window or limit out of range or a bad
   *     tenant id, {@code forbidden} for another tenant on a tenant's view
   */
  public DiagnosticsReport report(
      QueueScope scope, String requestedTenant, String windowHours, String limit) {
    int hours = MetricsSummary.hours(windowHours);
    int count = limit(limit);
    String tenant = scope.tenantToRead(requestedTenant);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant from = now.minus(Duration.ofHours(hours));
    return new DiagnosticsReport(
        tenant,
        now,
        from,
        hours,
        templates(tenant, from),
        steps(tenant, from),
        slowest(tenant, from, count),
        longestRunning(tenant, now, count));
  }

  static int limit(String limit) {
    if (limit == null || limit.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit.trim());
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
  }

  /** The share of waiting in the time between entering the queue and the outcome. */
  static Double queueShare(Object waited, Object processed) {
    double wait = waited == null ? 0 : ((Number) waited).doubleValue();
    double work = processed == null ? 0 : ((Number) processed).doubleValue();
    if (wait + work <= 0) {
      return null;
    }
    return Math.round(wait * 10_000 / (wait + work)) / 10_000.0;
  }

  private List<DiagnosticsReport.TemplateFigures> templates(String tenant, Instant from) {
    List<DiagnosticsReport.TemplateFigures> figures = new ArrayList<>();
    for (Object[] r :
        rows(
            "select format, coalesce(template_matched, template_id), template_version,"
                + " count(*) filter (where state = 'COMPLETED'),"
                + " count(*) filter (where state <> 'COMPLETED'),"
                + MetricsSummary.percentiles("started_at - queued_at", "queued_at is not null")
                + ","
                + MetricsSummary.percentiles("finished_at - started_at", "true")
                + ", sum(extract(epoch from started_at - queued_at)),"
                + " sum(extract(epoch from finished_at - started_at))"
                + " from jobs where finished_at >= ?1 and started_at is not null"
                + " and state in "
                + FINISHED
                + " and (cast(?2 as varchar) is null or tenant_id = ?2)"
                + " group by 1, 2, 3 order by 13 desc nulls last, 1, 2, 3 limit "
                + MAX_TEMPLATE_GROUPS,
            from,
            tenant)) {
      figures.add(
          new DiagnosticsReport.TemplateFigures(
              (String) r[0],
              (String) r[1],
              r[2] == null ? null : ((Number) r[2]).intValue(),
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue(),
              Percentiles.of(r[5], r[6], r[7]),
              Percentiles.of(r[8], r[9], r[10]),
              r[12] == null ? 0 : seconds(r[12]),
              queueShare(r[11], r[12])));
    }
    return figures;
  }

  private List<DiagnosticsReport.StepFigures> steps(String tenant, Instant from) {
    List<DiagnosticsReport.StepFigures> figures = new ArrayList<>();
    for (Object[] r :
        rows(
            "select s.name, count(*),"
                + MetricsSummary.percentiles("s.finished_at - s.started_at", "true")
                + " from jobs j join job_steps s on s.job_id = j.id"
                + " where j.finished_at >= ?1 and j.state in "
                + FINISHED
                + " and s.started_at is not null and s.finished_at is not null"
                + " and (cast(?2 as varchar) is null or j.tenant_id = ?2)"
                + " group by s.name",
            from,
            tenant)) {
      figures.add(
          new DiagnosticsReport.StepFigures(
              (String) r[0], ((Number) r[1]).longValue(), Percentiles.of(r[2], r[3], r[4])));
    }
    figures.sort(Comparator.comparingInt(f -> order(f.step())));
    return figures;
  }

  private static int order(String step) {
    try {
      return Step.fromWireName(step).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  private List<DiagnosticsReport.SlowJob> slowest(String tenant, Instant from, int limit) {
    List<DiagnosticsReport.SlowJob> jobs = new ArrayList<>();
    for (Object[] r :
        rows(
            "select cast(j.id as varchar), j.tenant_id, j.format,"
                + " coalesce(j.template_matched, j.template_id), j.template_version, j.state,"
                + " f.size_bytes, j.attempt_count, j.created_at, j.finished_at,"
                + " extract(epoch from j.finished_at - coalesce(j.queued_at, j.created_at)) total,"
                + " extract(epoch from j.started_at - j.queued_at),"
                + " extract(epoch from j.finished_at - j.started_at)"
                + " from jobs j join stored_files f on f.id = j.file_id"
                + " where j.finished_at >= ?1 and j.state in "
                + FINISHED
                + " and (cast(?2 as varchar) is null or j.tenant_id = ?2)"
                + " order by total desc, j.id limit ?3",
            from,
            tenant,
            limit)) {
      jobs.add(
          new DiagnosticsReport.SlowJob(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              r[4] == null ? null : ((Number) r[4]).intValue(),
              (String) r[5],
              ((Number) r[6]).longValue(),
              ((Number) r[7]).intValue(),
              NativeValues.instant(r[8]),
              NativeValues.instant(r[9]),
              seconds(r[10]),
              r[11] == null ? null : seconds(r[11]),
              r[12] == null ? null : seconds(r[12])));
    }
    return jobs;
  }

  private List<DiagnosticsReport.RunningJob> longestRunning(String tenant, Instant now, int limit) {
    List<DiagnosticsReport.RunningJob> jobs = new ArrayList<>();
    for (Object[] r :
        rows(
            "select cast(j.id as varchar), j.tenant_id, j.format,"
                + " coalesce(j.template_matched, j.template_id), f.size_bytes, j.attempt_count,"
                + " j.started_at"
                + " from jobs j join stored_files f on f.id = j.file_id"
                + " where j.state = 'RUNNING' and j.started_at is not null"
                + " and (cast(?1 as varchar) is null or j.tenant_id = ?1)"
                + " order by j.started_at, j.id limit ?2",
            tenant,
            limit)) {
      Instant started = NativeValues.instant(r[6]);
      jobs.add(
          new DiagnosticsReport.RunningJob(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              (String) r[3],
              ((Number) r[4]).longValue(),
              ((Number) r[5]).intValue(),
              started,
              Math.max(0, Duration.between(started, now).toMillis()) / 1000.0));
    }
    return jobs;
  }

  private static double seconds(Object value) {
    return Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
  }

  private List<Object[]> rows(String sql, Object... parameters) {
    return NativeValues.rows(em, sql, parameters);
  }
}
