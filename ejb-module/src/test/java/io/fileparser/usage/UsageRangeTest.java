package io.fileparser.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageRangeTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-30");

  @Test
  void defaultsToTheCurrentMonthSoFarInOneMonthlyPeriod() {
    UsageRange range = UsageRange.parse(null, null, null, TODAY);
    assertEquals(UsagePeriod.MONTH, range.period());
    assertEquals(LocalDate.parse("2026-11-01"), range.from());
    assertEquals(LocalDate.parse("2026-11-30"), range.to());
    assertEquals(1, range.periods().size());
  }

  @Test
  void dailyPeriodsCoverEachDayOfTheRangeBothEndsIncluded() {
    UsageRange range = UsageRange.parse("day", "2026-02-27", "2026-03-02", TODAY);
    assertEquals(
        List.of("2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"),
        range.periods().stream().map(s -> s.start().toString()).toList());
    range.periods().forEach(s -> assertEquals(s.start(), s.end()));
  }

  @Test
  void monthlyPeriodsAreWholeCalendarMonthsLeapFebruaryIncluded() {
    UsageRange range = UsageRange.parse("month", "2024-01-15", "2024-03-02", TODAY);
    assertEquals(LocalDate.parse("2024-01-01"), range.from());
    assertEquals(LocalDate.parse("2024-03-31"), range.to());
    List<UsageRange.Span> periods = range.periods();
    assertEquals(3, periods.size());
    assertEquals(LocalDate.parse("2024-02-01"), periods.get(1).start());
    assertEquals(LocalDate.parse("2024-02-29"), periods.get(1).end());
    assertEquals(LocalDate.parse("2024-01-31"), periods.get(0).end());
  }

  @Test
  void fromDefaultsToTheFirstOfToMonth() {
    UsageRange range = UsageRange.parse("day", null, "2026-10-05", TODAY);
    assertEquals(LocalDate.parse("2026-10-01"), range.from());
    assertEquals(5, range.periods().size());
  }

  @Test
  void aSpanContainsItsOwnDaysOnly() {
    UsageRange.Span span =
        new UsageRange.Span(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));
    assertEquals(true, span.contains(LocalDate.parse("2026-11-01")));
    assertEquals(true, span.contains(LocalDate.parse("2026-11-30")));
    assertEquals(false, span.contains(LocalDate.parse("2026-12-01")));
    assertEquals(false, span.contains(LocalDate.parse("2026-10-31")));
  }

  @Test
  void aYearOfDaysIsAllowedOneMoreIsNot() {
    assertEquals(366, UsageRange.parse("day", "2024-01-01", "2024-12-31", TODAY).periods().size());
    assertProblem(
        ProblemType.RANGE_TOO_LONG,
        () -> UsageRange.parse("day", "2025-01-01", "2026-01-02", TODAY));
  }

  @Test
  void threeYearsOfMonthsAreAllowedOneMoreIsNot() {
    assertEquals(36, UsageRange.parse("month", "2024-01-31", "2026-12-01", TODAY).periods().size());
    assertProblem(
        ProblemType.RANGE_TOO_LONG,
        () -> UsageRange.parse("month", "2023-12-31", "2026-12-01", TODAY));
  }

  @Test
  void fromAfterToIsRefused() {
    assertProblem(
        ProblemType.INVALID_RANGE,
        () -> UsageRange.parse("day", "2026-11-02", "2026-11-01", TODAY));
    // within one month, but still the wrong way round
    assertProblem(
        ProblemType.INVALID_RANGE,
        () -> UsageRange.parse("month", "2026-11-20", "2026-11-02", TODAY));
  }

  @Test
  void unknownPeriodsAreRefused() {
    for (String period : List.of("week", "DAY", "", "days", "month ")) {
      if (period.isBlank() || period.strip().equals("month")) {
        UsageRange.parse(period, null, null, TODAY); // blank: the default; spaces around: fine
        continue;
      }
      assertProblem(ProblemType.INVALID_PERIOD, () -> UsageRange.parse(period, null, null, TODAY));
    }
  }

  @Test
  void datesMustBeRealCalendarDaysWrittenAsIso() {
    for (String bad :
        List.of(
            "2026-02-30",
            "2026-13-01",
            "26-11-01",
            "2026-11-01T00:00:00Z",
            "2026/11/01",
            "+2026-11-01",
            "2026-1-1",
            "tomorrow",
            "２０２６-11-01")) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> UsageRange.parse("day", bad, null, TODAY));
      assertEquals(ProblemType.INVALID_DATE, e.type(), bad);
      assertEquals("from", e.extensions().get("parameter"));
    }
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> UsageRange.parse("day", null, "2026-02-29", TODAY));
    assertEquals("to", e.extensions().get("parameter"));
  }

  @Test
  void periodArithmeticCountsWholePeriodsBetweenTwoDays() {
    assertEquals(
        1, UsagePeriod.MONTH.count(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
    assertEquals(
        2, UsagePeriod.MONTH.count(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01")));
    assertEquals(
        2, UsagePeriod.DAY.count(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01")));
    assertEquals(
        LocalDate.parse("2027-01-01"), UsagePeriod.MONTH.next(LocalDate.parse("2026-12-01")));
  }

  private static void assertProblem(ProblemType type, Runnable call) {
    ProblemException e = assertThrows(ProblemException.class, call::run);
    assertEquals(type, e.type(), e.getMessage());
  }
}
