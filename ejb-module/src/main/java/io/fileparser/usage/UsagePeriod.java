package io.fileparser.usage;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The length of one row of a usage report: a UTC day, or a calendar month. */
public enum UsagePeriod {
  DAY,
  MONTH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param text {@code day} or {@code month}; null for the default, {@code month}
   * @throws ProblemException {@code invalid_period} for anything else
   */
  public static UsagePeriod parse(String text) {
    if (text == null || text.isBlank()) {
      return MONTH;
    }
    for (UsagePeriod period : values()) {
      if (period.wireName().equals(text.strip())) {
        return period;
      }
    }
    throw new ProblemException(
        ProblemType.INVALID_PERIOD, "period must be 'day' or 'month'", java.util.Map.of());
  }

  /** The first day of the period that holds {@code day}. */
  public LocalDate start(LocalDate day) {
    return this == DAY ? day : day.withDayOfMonth(1);
  }

  /** The last day of the period that holds {@code day}. */
  public LocalDate end(LocalDate day) {
    return this == DAY ? day : day.with(TemporalAdjusters.lastDayOfMonth());
  }

  /** The start of the period after the one that starts on {@code start}. */
  public LocalDate next(LocalDate start) {
    return this == DAY ? start.plusDays(1) : start.plusMonths(1);
  }

  /** How many periods from the one holding {@code from} to the one holding {@code to}, both in. */
  public long count(LocalDate from, LocalDate to) {
    ChronoUnit unit = this == DAY ? ChronoUnit.DAYS : ChronoUnit.MONTHS;
    return unit.between(start(from), start(to)) + 1;
  }
}
