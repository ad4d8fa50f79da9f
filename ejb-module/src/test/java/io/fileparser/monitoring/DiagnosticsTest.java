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

class DiagnosticsTest {

  @Test
  void tenJobsAreListedUnlessSaidOtherwise() {
    assertEquals(10, Diagnostics.limit(null));
    assertEquals(10, Diagnostics.limit(""));
    assertEquals(1, Diagnostics.limit("1"));
    assertEquals(100, Diagnostics.limit(" 100 "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "101", "2.5", "all", "99999999999"})
  void aLimitOutOfRangeIsABadRequest(String limit) {
    ProblemException e = assertThrows(ProblemException.class, () -> Diagnostics.limit(limit));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void theQueueShareIsTheWaitingPartOfTheTimeInTheQueue() {
    assertEquals(0.75, Diagnostics.queueShare(new BigDecimal("3"), 1.0));
    assertEquals(0.0, Diagnostics.queueShare(null, new BigDecimal("2.5")));
    assertEquals(1.0, Diagnostics.queueShare(4, null));
    assertEquals(0.3333, Diagnostics.queueShare(1, 2));
    assertNull(Diagnostics.queueShare(null, null), "nothing measured is no share");
    assertNull(Diagnostics.queueShare(0, 0));
  }
}
