package io.fileparser.usage;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The days a usage report covers, cut into whole periods: {@code from} is moved back to the start
 * of its period and {@code to} on to the end of its own, so every row covers a whole day or a whole
 * calendar month (the current one included, counted so far). Bounded, so that one request never
 * asks for an unbounded number of rows: at most {@link #MAX_DAYS} days, or {@link #MAX_MONTHS}
 * months.
 *
 * @param from the first day covered (the start of a period)
 * @param to the last day covered (the end of a period)
 */
public record UsageRange(UsagePeriod period, LocalDate from, LocalDate to) {

  /** The most daily rows one report has per tenant: a year, leap day included. */
  public static final int MAX_DAYS = 366;

  /** The most monthly rows one report has per tenant: three years. */
  public static final int MAX_MONTHS = 36;

  private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /**
   * The range a request names.
   *
   * @param period {@code day} or {@code month} (default {@code month})
   * @param from the first day, ISO-8601 ({@code 2026-11-01}); default: the first of {@code to}'s
   *     month
   * @param to the last day, ISO-8601; default: {@code today}
   * @param today the current UTC day
   * @throws ProblemException {@code invalid_period}, {@code invalid_date} (naming the parameter),
   *     {@code invalid_range} when {@code from} is after {@code to}, {@code range_too_long} past
   *     the period's limit
   */
  public static UsageRange parse(String period, String from, String to, LocalDate today) {
    UsagePeriod p = UsagePeriod.parse(period);
    LocalDate end = to == null ? today : date(to, "to");
    LocalDate start = from == null ? end.withDayOfMonth(1) : date(from, "from");
    if (start.isAfter(end)) {
      throw new ProblemException(
          ProblemType.INVALID_RANGE,
          "from (" + start + ") is after to (" + end + ")",
          Map.of("from", start.toString(), "to", end.toString()));
    }
    long periods = p.count(start, end);
    int limit = p == UsagePeriod.DAY ? MAX_DAYS : MAX_MONTHS;
    if (periods > limit) {
      throw new ProblemException(
          ProblemType.RANGE_TOO_LONG,
          "at most "
              + limit
              + (p == UsagePeriod.DAY ? " days" : " months")
              + " per request; this range has "
              + periods,
          Map.of("maxPeriods", limit));
    }
    return new UsageRange(p, p.start(start), p.end(end));
  }

  /** One period: its first and last day. */
  public record Span(LocalDate start, LocalDate end) {

    public boolean contains(LocalDate day) {
      return !day.isBefore(start) && !day.isAfter(end);
    }
  }

  /** Each period of the range, oldest first. */
  public List<Span> periods() {
    List<Span> periods = new ArrayList<>();
    for (LocalDate start = from; !start.isAfter(to); start = period.next(start)) {
      periods.add(new Span(start, period.end(start)));
    }
    return periods;
  }

  private static LocalDate date(String text, String name) {
    String value = text.strip();
    try {
      if (ISO_DATE.matcher(value).matches()) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException e) {
      // an impossible day such as 2026-02-30: answered below
    }
    throw new ProblemException(
        ProblemType.INVALID_DATE,
        name + " must be a date as YYYY-MM-DD, e.g. 2026-11-01",
        Map.of("parameter", name));
  }
}
