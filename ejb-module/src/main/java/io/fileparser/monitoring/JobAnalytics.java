package io.fileparser.monitoring;

import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.NativeValues;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's analytics of its jobs ({@code GET /jobs/analytics}), read from PostgreSQL over the
 * jobs created in a window (through the index on tenant and creation time): a few aggregate
 * statements, none per job.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class JobAnalytics {

  /** The longest window: 93 days. */
  public static final Duration MAX_WINDOW = Duration.ofDays(93);

  /** The default window: the last day. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

  static final int MAX_GROUPS = 100;
  static final int MAX_ERROR_PATTERNS = 10;
  static final int MAX_REASONS = 20;
  static final int MAX_BUCKETS = 2232;

  /** What a report may be grouped by, and the column expression of each. */
  static final Map<String, String> GROUPS =
      Map.of(
          "state", "state",
          "format", "format",
          "template", "coalesce(template_matched, template_id, '')",
          "errorCategory", "coalesce(error_category, '')",
          "priority", "cast(priority as varchar)");

  private static final String IN_WINDOW =
      " from jobs where tenant_id = ?1 and created_at >= ?2 and created_at < ?3";

  /** A window of creation times, {@code [from, to)}. */
  record Window(Instant from, Instant to) {}

  /**
   * The rows a completed job's workers rejected, one per reason ({@code reason.key}, {@code
   * reason.value}), joined to {@code jobs j}.
   */
  static final String REJECT_REASONS =
      " cross join lateral jsonb_each_text(case when jsonb_typeof("
          + "cast(j.result_summary as jsonb) -> 'quality' -> 'rejectReasons') = 'object'"
          + " then cast(j.result_summary as jsonb) -> 'quality' -> 'rejectReasons'"
          + " else '{}'::jsonb end) reason";

  /** A reason's rows as a number; 0 for anything else. */
  static final String REASON_ROWS =
      "sum(case when reason.value ~ '^[0-9]{1,18}$' then cast(reason.value as bigint) else 0 end)";

  /** A number of the worker's quality block in the stored summary; 0 when absent. */
  static String quality(String member) {
    return "coalesce(sum(case when state = 'COMPLETED' and jsonb_typeof(cast(result_summary as"
        + " jsonb) -> 'quality' -> '"
        + member
        + "') = 'number' then cast(cast(result_summary as jsonb) -> 'quality' ->> '"
        + member
        + "' as numeric) end), 0)";
  }

  private static final String FIGURES =
      " count(*),"
          + " count(*) filter (where state in ('COMPLETED', 'FAILED', 'DEAD_LETTERED')),"
          + " count(*) filter (where state = 'COMPLETED'),"
          + " count(*) filter (where state in ('FAILED', 'DEAD_LETTERED')),"
          + MetricsSummary.percentiles(
              "started_at - queued_at", "queued_at is not null and started_at is not null")
          + ","
          + MetricsSummary.percentiles(
              "finished_at - started_at",
              "started_at is not null and finished_at is not null"
                  + " and state in ('COMPLETED', 'FAILED', 'DEAD_LETTERED')")
          + ", "
          + quality("rowsRead")
          + ", "
          + quality("rowsRejected");

  @PersistenceContext EntityManager em;

  /**
   * @param from the window's start (ISO-8601; null: a day before {@code to})
   * @param to the window's end, excluded (null: now)
   * @param groupBy null, or one of {@link #GROUPS}
   * @param interval {@code hour} (default) or {@code day}, the throughput's buckets
   * @throws ProblemException {@code invalid_request} naming the parameter
   */
  public JobAnalyticsReport report(
      Caller caller, String from, String to, String groupBy, String interval) {
    Window window = window(from, to);
    Instant start = window.from();
    Instant end = window.to();
    String group = groupBy == null || groupBy.isBlank() ? null : groupBy.strip();
    if (group != null && !GROUPS.containsKey(group)) {
      throw invalid("groupBy must be one of " + new java.util.TreeSet<>(GROUPS.keySet()));
    }
    String unit =
        interval == null || interval.isBlank() ? "hour" : interval.strip().toLowerCase(Locale.ROOT);
    if (!unit.equals("hour") && !unit.equals("day")) {
      throw invalid("interval must be hour or day");
    }
    String tenant = caller.tenantId();
    return new JobAnalyticsReport(
        tenant,
        start,
        end,
        group,
        unit,
        totals(tenant, start, end),
        counts("state", tenant, start, end),
        counts("format", tenant, start, end),
        counts(GROUPS.get("template"), tenant, start, end),
        counts(GROUPS.get("errorCategory"), tenant, start, end),
        throughput(tenant, start, end, unit),
        topErrors(tenant, start, end),
        rejectReasons(tenant, start, end),
        group == null ? null : groups(GROUPS.get(group), tenant, start, end));
  }

  /**
   * The window {@code [from, to)} a client asked for: default the day before now.
   *
   * @throws ProblemException {@code invalid_request} naming the parameter
   */
  static Window window(String from, String to) {
    Instant end =
        to == null || to.isBlank()
            ? Instant.now().truncatedTo(ChronoUnit.MILLIS)
            : instant(to, "to");
    Instant start =
        from == null || from.isBlank() ? end.minus(DEFAULT_WINDOW) : instant(from, "from");
    if (!start.isBefore(end)) {
      throw invalid("from must be before to");
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw invalid("the window from..to may span at most " + MAX_WINDOW.toDays() + " days");
    }
    return new Window(start, end);
  }

  private JobAnalyticsReport.Figures totals(String tenant, Instant from, Instant to) {
    return figures(rows("select" + FIGURES + IN_WINDOW, tenant, from, to).get(0), 0);
  }

  private Map<String, Long> counts(String column, String tenant, Instant from, Instant to) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Object[] r :
        rows(
            "select " + column + ", count(*)" + IN_WINDOW + " group by 1 order by 2 desc, 1",
            tenant,
            from,
            to)) {
      String key = (String) r[0];
      if (key != null && !key.isEmpty()) {
        counts.put(key, ((Number) r[1]).longValue());
      }
    }
    return counts;
  }

  /**
   * Created per interval by creation time; completed and failed per interval by the time they
   * finished (of the jobs created in the window), with the queue wait and processing time of the
   * jobs that finished in it: latency over time.
   */
  private List<JobAnalyticsReport.Bucket> throughput(
      String tenant, Instant from, Instant to, String unit) {
    Map<Instant, Object[]> buckets = new TreeMap<>();
    for (Object[] r :
        rows(
            "select date_trunc('"
                + unit
                + "', created_at, 'UTC'), count(*)"
                + IN_WINDOW
                + " group by 1",
            tenant,
            from,
            to)) {
      bucket(buckets, r[0])[0] = r[1];
    }
    for (Object[] r :
        rows(
            "select date_trunc('"
                + unit
                + "', finished_at, 'UTC'),"
                + " count(*) filter (where state = 'COMPLETED'),"
                + " count(*) filter (where state in ('FAILED', 'DEAD_LETTERED')),"
                + MetricsSummary.percentiles(
                    "started_at - queued_at", "queued_at is not null and started_at is not null")
                + ","
                + MetricsSummary.percentiles("finished_at - started_at", "started_at is not null")
                + IN_WINDOW
                + " and finished_at is not null"
                + " and state in ('COMPLETED', 'FAILED', 'DEAD_LETTERED') group by 1",
            tenant,
            from,
            to)) {
      System.arraycopy(r, 1, bucket(buckets, r[0]), 1, 8);
    }
    List<JobAnalyticsReport.Bucket> result = new ArrayList<>();
    buckets.forEach(
        (start, c) ->
            result.add(
                new JobAnalyticsReport.Bucket(
                    start,
                    count(c[0]),
                    count(c[1]),
                    count(c[2]),
                    Percentiles.of(c[3], c[4], c[5]),
                    Percentiles.of(c[6], c[7], c[8]))));
    return result.size() > MAX_BUCKETS ? result.subList(0, MAX_BUCKETS) : result;
  }

  /**
   * The interval's columns as the two queries give them: created; completed, failed, queue wait
   * p50/p95/p99 and processing p50/p95/p99 (null where a query had no row for the interval).
   */
  private static Object[] bucket(Map<Instant, Object[]> buckets, Object start) {
    return buckets.computeIfAbsent(NativeValues.instant(start), k -> new Object[9]);
  }

  private static long count(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private List<JobAnalyticsReport.ErrorPattern> topErrors(String tenant, Instant from, Instant to) {
    List<JobAnalyticsReport.ErrorPattern> patterns = new ArrayList<>();
    for (Object[] r :
        rows(
            "select error_category,"
                + " regexp_replace(left(coalesce(error_message, ''), 300), '[0-9]+', '#', 'g'),"
                + " count(*), max(coalesce(finished_at, updated_at)), max(remediation)"
                + IN_WINDOW
                + " and error_category is not null group by 1, 2 order by 3 desc, 4 desc limit "
                + MAX_ERROR_PATTERNS,
            tenant,
            from,
            to)) {
      patterns.add(
          new JobAnalyticsReport.ErrorPattern(
              (String) r[0],
              (String) r[1],
              ((Number) r[2]).longValue(),
              NativeValues.instant(r[3]),
              (String) r[4]));
    }
    return patterns;
  }

  private List<JobAnalyticsReport.Reason> rejectReasons(String tenant, Instant from, Instant to) {
    List<JobAnalyticsReport.Reason> reasons = new ArrayList<>();
    for (Object[] r :
        rows(
            "select reason.key, "
                + REASON_ROWS
                + " from jobs j"
                + REJECT_REASONS
                + " where j.tenant_id = ?1 and j.created_at >= ?2 and j.created_at < ?3"
                + " and j.state = 'COMPLETED'"
                + " group by 1 order by 2 desc, 1 limit "
                + MAX_REASONS,
            tenant,
            from,
            to)) {
      reasons.add(new JobAnalyticsReport.Reason((String) r[0], ((Number) r[1]).longValue()));
    }
    return reasons;
  }

  private List<JobAnalyticsReport.Group> groups(
      String column, String tenant, Instant from, Instant to) {
    List<JobAnalyticsReport.Group> groups = new ArrayList<>();
    for (Object[] r :
        rows(
            "select "
                + column
                + ","
                + FIGURES
                + IN_WINDOW
                + " group by 1 order by 2 desc, 1 limit "
                + MAX_GROUPS,
            tenant,
            from,
            to)) {
      groups.add(new JobAnalyticsReport.Group((String) r[0], figures(r, 1)));
    }
    return groups;
  }

  private static JobAnalyticsReport.Figures figures(Object[] r, int at) {
    long finished = ((Number) r[at + 1]).longValue();
    long completed = ((Number) r[at + 2]).longValue();
    long failed = ((Number) r[at + 3]).longValue();
    return new JobAnalyticsReport.Figures(
        ((Number) r[at]).longValue(),
        finished,
        completed,
        failed,
        completed + failed == 0
            ? null
            : Math.round(failed * 10_000.0 / (completed + failed)) / 10_000.0,
        Percentiles.of(r[at + 4], r[at + 5], r[at + 6]),
        Percentiles.of(r[at + 7], r[at + 8], r[at + 9]),
        ((Number) r[at + 10]).longValue(),
        ((Number) r[at + 11]).longValue());
  }

  private static Instant instant(String value, String name) {
    try {
      return InputLimits.instant(Instant.parse(value.strip()), name);
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }

  private List<Object[]> rows(String sql, Object... parameters) {
    return NativeValues.rows(em, sql, parameters);
  }
}
