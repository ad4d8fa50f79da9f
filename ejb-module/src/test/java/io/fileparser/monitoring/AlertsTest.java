package io.fileparser.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertsTest {

  @Test
  void bothStatesUnlessOneIsAskedFor() {
    assertNull(Alerts.state(null));
    assertNull(Alerts.state(""));
    assertEquals("FIRING", Alerts.state("firing"));
    assertEquals("CLEARED", Alerts.state("cleared"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FIRING", "burning", "all"})
  void anotherStateIsABadRequest(String state) {
    ProblemException e = assertThrows(ProblemException.class, () -> Alerts.state(state));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void theLimitIsFiftyUnlessSaidAndAtMostTwoHundred() {
    assertEquals(50, Alerts.limit(null));
    assertEquals(1, Alerts.limit("1"));
    assertEquals(200, Alerts.limit("200"));
    for (String bad : new String[] {"0", "201", "-1", "ten"}) {
      assertThrows(ProblemException.class, () -> Alerts.limit(bad), bad);
    }
  }

  @Test
  void anAlertIsKeyedByTenantAndSubjectWithinItsRule() {
    assertEquals(
        new AlertCondition("acme", null, 1.0, 0.5, "a").key(),
        new AlertCondition("acme", "", 0.9, 0.5, "b").key());
    assertNotEquals(
        new AlertCondition("acme", "e1", null, null, "").key(),
        new AlertCondition("acme", "e2", null, null, "").key());
    assertNotEquals(
        new AlertCondition(null, "", null, null, "").key(),
        new AlertCondition("acme", "", null, null, "").key());
  }

  @Test
  void rulesAreNamedAsTheDatabaseAndClientsKnowThem() {
    assertEquals(AlertRule.QUEUE_OLDEST_AGE, AlertRule.fromWireName("queue.oldest_age").get());
    assertEquals(true, AlertRule.WORKERS_NONE_LIVE.isPlatform());
    assertEquals(false, AlertRule.WEBHOOK_ENDPOINT_DISABLED.isPlatform());
  }
}
