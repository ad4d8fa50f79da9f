package io.fileparser.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsSummaryTest {

  @Test
  void theWindowIsADayUnlessSaidOtherwise() {
    assertEquals(24, MetricsSummary.hours(null));
    assertEquals(24, MetricsSummary.hours(" "));
    assertEquals(1, MetricsSummary.hours("1"));
    assertEquals(744, MetricsSummary.hours("744"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "745", "1.5", "a day", "99999999999"})
  void aWindowOutOfRangeIsABadRequest(String hours) {
    ProblemException e = assertThrows(ProblemException.class, () -> MetricsSummary.hours(hours));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void percentilesAreSecondsToTheMillisecondAndNullWhereNothingWasMeasured() {
    Percentiles p = Percentiles.of(1.23456, new BigDecimal("2.0004"), null);

    assertEquals(1.235, p.p50());
    assertEquals(2.0, p.p95());
    assertNull(p.p99());
  }
}
