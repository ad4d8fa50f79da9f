package io.fileparser.monitoring;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.progress.WorkerRegistry;
import io.fileparser.queue.QueueOverview;
import io.fileparser.queue.QueueScope;
import io.fileparser.queue.QueueStatus;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard summary of {@code /admin/metrics}, read from PostgreSQL (the jobs of the window)
 * and from the queue's overview (the backlog now); the fleet from the workers' heartbeats. A
 * tenant's admins and owners see their tenant; the operator every tenant, or one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MetricsSummary {

  public static final int DEFAULT_WINDOW_HOURS = 24;
  public static final int MAX_WINDOW_HOURS = 24 * 31;

  @PersistenceContext EntityManager em;
  @Inject QueueOverview queue;
  @Inject WorkerRegistry workers;

  /**
   * @param windowHours the hours to look back, 1 to {@link #MAX_WINDOW_HOURS} (null: 24)
   * @param requestedTenant the operator's filter (null: every tenant)
   * @throws ProblemException {@code invalid_request} for a window out of range or a bad tenant id,
   *     {@code forbidden} for another tenant on a tenant's view
   */
  public DashboardSummary summary(QueueScope scope, String requestedTenant, String windowHours) {
    int hours = hours(windowHours);
    String tenant = scope.tenantToRead(requestedTenant);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant from = now.minus(Duration.ofHours(hours));
    List<DashboardSummary.FormatFigures> formats = formats(tenant, from);
    long completed = formats.stream().mapToLong(DashboardSummary.FormatFigures::completed).sum();
    long failed = formats.stream().mapToLong(DashboardSummary.FormatFigures::failed).sum();
    QueueStatus status = queue.status(scope, tenant);
    return new DashboardSummary(
        tenant,
        now,
        from,
        hours,
        uploads(tenant, from),
        jobsByState(tenant, from),
        Math.round(completed * 1000.0 / hours) / 1000.0,
        completed + failed == 0
            ? null
            : Math.round(failed * 10_000.0 / (completed + failed)) / 10_000.0,
        formats,
        queue(status),
        scope.isPlatform() ? fleet() : null);
  }

  /**
   * Jobs waiting for a person to map their columns, every tenant's (a partial index counts them).
   */
  public long awaitingMapping() {
    return ((Number)
            em.createNativeQuery("select count(*) from jobs where state = 'NEEDS_MAPPING'")
                .getSingleResult())
        .longValue();
  }

  static int hours(String windowHours) {
    if (windowHours == null || windowHours.isBlank()) {
      return DEFAULT_WINDOW_HOURS;
    }
    try {
      int hours = Integer.parseInt(windowHours.trim());
      if (hours >= 1 && hours <= MAX_WINDOW_HOURS) {
        return hours;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST,
        "windowHours must be a whole number of hours from 1 to " + MAX_WINDOW_HOURS);
  }

  private DashboardSummary.Uploads uploads(String tenant, Instant from) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select count(*), coalesce(sum(f.size_bytes), 0) from jobs j"
                        + " join stored_files f on f.id = j.file_id"
                        + " where j.created_at >= ?1"
                        + " and (cast(?2 as varchar) is null or j.tenant_id = ?2)")
                .setParameter(1, from)
                .setParameter(2, tenant)
                .getSingleResult();
    return new DashboardSummary.Uploads(
        ((Number) row[0]).longValue(), ((Number) row[1]).longValue());
  }

  private Map<String, Long> jobsByState(String tenant, Instant from) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Object[] row :
        rows(
            "select state, count(*) from jobs where created_at >= ?1"
                + " and (cast(?2 as varchar) is null or tenant_id = ?2)"
                + " group by state order by state",
            from,
            tenant)) {
      counts.put((String) row[0], ((Number) row[1]).longValue());
    }
    return counts;
  }

  private List<DashboardSummary.FormatFigures> formats(String tenant, Instant from) {
    List<DashboardSummary.FormatFigures> figures = new ArrayList<>();
    for (Object[] r :
        rows(
            "select format,"
                + " count(*) filter (where state = 'COMPLETED'),"
                + " count(*) filter (where state in ('FAILED', 'DEAD_LETTERED')),"
                + percentiles("finished_at - started_at", "state = 'COMPLETED'")
                + ","
                + percentiles("started_at - queued_at", "queued_at is not null")
                + " from jobs where finished_at >= ?1 and started_at is not null"
                + " and state in ('COMPLETED', 'FAILED', 'DEAD_LETTERED')"
                + " and (cast(?2 as varchar) is null or tenant_id = ?2)"
                + " group by format order by format",
            from,
            tenant)) {
      figures.add(
          new DashboardSummary.FormatFigures(
              (String) r[0],
              ((Number) r[1]).longValue(),
              ((Number) r[2]).longValue(),
              Percentiles.of(r[3], r[4], r[5]),
              Percentiles.of(r[6], r[7], r[8])));
    }
    return figures;
  }

  /** p50, p95 and p99 of an interval in seconds, over the rows {@code where} holds for. */
  static String percentiles(String interval, String where) {
    StringBuilder sql = new StringBuilder();
    for (String p : List.of("0.5", "0.95", "0.99")) {
      if (sql.length() > 0) {
        sql.append(", ");
      }
      sql.append(" percentile_cont(")
          .append(p)
          .append(") within group (order by extract(epoch from ")
          .append(interval)
          .append(")) filter (where ")
          .append(where)
          .append(")");
    }
    return sql.toString();
  }

  private static DashboardSummary.Queue queue(QueueStatus status) {
    long waiting = 0;
    long delayed = 0;
    long dispatched = 0;
    for (QueueStatus.Band band : status.bands()) {
      waiting += band.waiting();
      delayed += band.delayed();
      dispatched += band.dispatched();
    }
    long running =
        status.inFlight().stream().mapToLong(QueueStatus.TenantInFlight::processing).sum();
    return new DashboardSummary.Queue(
        waiting,
        delayed,
        dispatched,
        running,
        status.oldestWaitingSeconds(),
        status.deadLettered(),
        status.pausedGlobally(),
        status.pausedForTenant());
  }

  private DashboardSummary.Fleet fleet() {
    List<WorkerRegistry.WorkerView> all = workers.list();
    int live = (int) all.stream().filter(WorkerRegistry.WorkerView::alive).count();
    long active =
        all.stream().filter(WorkerRegistry.WorkerView::alive).mapToLong(w -> w.active()).sum();
    return new DashboardSummary.Fleet(live, all.size() - live, active);
  }

  private List<Object[]> rows(String sql, Object... parameters) {
    return NativeValues.rows(em, sql, parameters);
  }
}
