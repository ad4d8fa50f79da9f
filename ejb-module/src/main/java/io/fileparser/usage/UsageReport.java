package io.fileparser.usage;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.usage.UsageReportView.ApiCalls;
import io.fileparser.usage.UsageReportView.Jobs;
import io.fileparser.usage.UsageReportView.TenantUsage;
import io.fileparser.usage.UsageReportView.WebhookDeliveries;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads usage per tenant and period from the counters (plus the API calls still in Redis), never
 * from the jobs: a report costs the same whatever the number of jobs. A figure is the sum of its
 * stripes ({@link UsageCounters}). Storage held at a period's end is the closing value of the last
 * day on or before it on which the tenant's stored bytes changed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class UsageReport {

  @PersistenceContext EntityManager em;
  @Inject ApiCallLedger ledger;

  /**
   * @param requestedTenant the operator's choice (null: every tenant); an owner always reads their
   *     own tenant
   * @throws ProblemException {@code forbidden} when an owner asks for another tenant, {@code
   *     tenant_not_found} when the operator names a tenant the service has never seen
   */
  public UsageReportView report(UsageScope scope, String requestedTenant, UsageRange range) {
    String tenant = scope.tenantToRead(requestedTenant);
    // Redis first, then PostgreSQL: see UsageTally.
    ApiCallLedger.Snapshot redis = inRange(ledger.snapshot(tenant), range);
    UsageTally tally = UsageTally.of(rows(tenant, range, redis), redis);
    Map<String, NavigableMap<LocalDate, Long>> held = storageHeld(tenant, range);
    if (scope.isPlatform() && tenant != null && !isKnown(tenant, tally, held)) {
      throw new ProblemException(
          ProblemType.TENANT_NOT_FOUND,
          "no tenant " + tenant + " has used the service",
          Map.of("tenantId", tenant));
    }
    SortedSet<String> tenants = new TreeSet<>();
    if (tenant != null) {
      tenants.add(tenant);
    } else {
      tally.keys().forEach(k -> tenants.add(k.tenantId()));
      held.forEach(
          (t, days) -> {
            if (days.values().stream().anyMatch(bytes -> bytes != 0)) {
              tenants.add(t);
            }
          });
    }
    List<TenantUsage> items = new ArrayList<>();
    for (String t : tenants) {
      for (UsageRange.Span span : range.periods()) {
        items.add(usage(t, span, tally, held.getOrDefault(t, new TreeMap<>())));
      }
    }
    return new UsageReportView(
        range.period().wireName(),
        range.from(),
        range.to(),
        tenant,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        items);
  }

  private static TenantUsage usage(
      String tenant, UsageRange.Span span, UsageTally tally, NavigableMap<LocalDate, Long> held) {
    Map<UsageMetric, Long> sums = new HashMap<>();
    for (LocalDate day = span.start(); !day.isAfter(span.end()); day = day.plusDays(1)) {
      for (UsageMetric metric : UsageMetric.values()) {
        sums.merge(metric, tally.get(tenant, day, metric), Long::sum);
      }
    }
    Map.Entry<LocalDate, Long> closing = held.floorEntry(span.end());
    return new TenantUsage(
        tenant,
        span.start(),
        span.end(),
        sums.get(UsageMetric.UPLOADS),
        sums.get(UsageMetric.BYTES_RECEIVED),
        sums.get(UsageMetric.BYTES_STORED),
        sums.get(UsageMetric.BYTES_REMOVED),
        closing == null ? 0 : closing.getValue(),
        sums.get(UsageMetric.PAGES_PARSED),
        sums.get(UsageMetric.ROWS_PARSED),
        new Jobs(
            sums.get(UsageMetric.JOBS_COMPLETED),
            sums.get(UsageMetric.JOBS_FAILED),
            sums.get(UsageMetric.JOBS_CANCELLED),
            sums.get(UsageMetric.JOBS_DEAD_LETTERED),
            sums.get(UsageMetric.JOBS_DELETED)),
        new ApiCalls(
            sums.get(UsageMetric.API_CALLS_READ),
            sums.get(UsageMetric.API_CALLS_WRITE),
            sums.get(UsageMetric.API_CALLS_UPLOAD)),
        new WebhookDeliveries(
            sums.get(UsageMetric.WEBHOOK_DELIVERIES_DELIVERED),
            sums.get(UsageMetric.WEBHOOK_DELIVERIES_FAILED)));
  }

  private static ApiCallLedger.Snapshot inRange(ApiCallLedger.Snapshot s, UsageRange range) {
    return new ApiCallLedger.Snapshot(
        s.seq(),
        s.live().stream().filter(c -> isIn(c.day(), range)).toList(),
        s.pending().stream().filter(c -> isIn(c.day(), range)).toList());
  }

  private static boolean isIn(LocalDate day, UsageRange range) {
    return !day.isBefore(range.from()) && !day.isAfter(range.to());
  }

  /**
   * The counters in range and the folds that matter to the snapshot (those after its round, and
   * those of its pending counts), in one statement, so in one database snapshot.
   */
  private List<UsageTally.Row> rows(String tenant, UsageRange range, ApiCallLedger.Snapshot redis) {
    List<Long> pendingRounds = new ArrayList<>(List.of(-1L));
    redis.pending().forEach(c -> pendingRounds.add(c.seq()));
    Query query =
        em.createNativeQuery(
                "select 0 as seq, tenant_id, day, metric, value from usage_counters"
                    + " where day between :from and :to"
                    + " and (cast(:tenant as varchar) is null or tenant_id = :tenant)"
                    + " union all"
                    + " select seq, tenant_id, day, metric, value from usage_folds"
                    + " where (seq > :seq or seq in (:rounds)) and day between :from and :to"
                    + " and (cast(:tenant as varchar) is null or tenant_id = :tenant)")
            .setParameter("from", range.from())
            .setParameter("to", range.to())
            .setParameter("tenant", tenant)
            .setParameter("seq", redis.seq())
            .setParameter("rounds", pendingRounds.stream().distinct().toList());
    List<UsageTally.Row> rows = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      UsageMetric.byWireName((String) r[3])
          .ifPresent(
              metric ->
                  rows.add(
                      new UsageTally.Row(
                          ((Number) r[0]).longValue(),
                          (String) r[1],
                          date(r[2]),
                          metric,
                          ((Number) r[4]).longValue())));
    }
    return rows;
  }

  /**
   * Per tenant, the closing value of its stored bytes on each day in range it changed, and on the
   * last day before the range it did: on each such day, the sum over its stripes of each stripe's
   * latest value on or before it ({@link UsageCounters}).
   */
  private Map<String, NavigableMap<LocalDate, Long>> storageHeld(String tenant, UsageRange range) {
    Query query =
        em.createNativeQuery(
                "select tenant_id, stripe, day, held_bytes from usage_storage_days"
                    + " where day between :from and :to"
                    + " and (cast(:tenant as varchar) is null or tenant_id = :tenant)"
                    + " union all"
                    + " (select distinct on (tenant_id, stripe) tenant_id, stripe, day, held_bytes"
                    + " from usage_storage_days where day < :from"
                    + " and (cast(:tenant as varchar) is null or tenant_id = :tenant)"
                    + " order by tenant_id, stripe, day desc)")
            .setParameter("from", range.from())
            .setParameter("to", range.to())
            .setParameter("tenant", tenant);
    Map<String, NavigableMap<LocalDate, Map<Integer, Long>>> changes = new HashMap<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      changes
          .computeIfAbsent((String) r[0], t -> new TreeMap<>())
          .computeIfAbsent(date(r[2]), d -> new HashMap<>())
          .put(((Number) r[1]).intValue(), ((Number) r[3]).longValue());
    }
    Map<String, NavigableMap<LocalDate, Long>> held = new HashMap<>();
    changes.forEach(
        (t, days) -> {
          Map<Integer, Long> latest = new HashMap<>();
          NavigableMap<LocalDate, Long> closing = new TreeMap<>();
          days.forEach(
              (day, stripes) -> {
                latest.putAll(stripes);
                closing.put(day, latest.values().stream().mapToLong(Long::longValue).sum());
              });
          held.put(t, closing);
        });
    return held;
  }

  private boolean isKnown(
      String tenant, UsageTally tally, Map<String, NavigableMap<LocalDate, Long>> held) {
    if (!tally.keys().isEmpty() || held.containsKey(tenant)) {
      return true;
    }
    Number known =
        (Number)
            em.createNativeQuery(
                    "select count(*) from (select id from tenants where id = ?1"
                        + " union all select tenant_id from usage_counters where tenant_id = ?1"
                        + " limit 1) k")
                .setParameter(1, tenant)
                .getSingleResult();
    return known.longValue() > 0;
  }

  private static LocalDate date(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(value.toString());
  }
}
