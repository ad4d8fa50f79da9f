package io.fileparser.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressThrottleTest {

  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Instant T0 = Instant.parse("2025-03-14T15:09:26Z");
  private static final String TASK = "task-a";

  private ProgressThrottle throttle;

  @BeforeEach
  void newThrottle() {
    throttle = new ProgressThrottle(INTERVAL);
  }

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  @Test
  void firstProgressIsAccepted() {
    assertTrue(throttle.accept(TASK, "PROGRESS", "parsing", 10, T0));
  }

  @Test
  void sameStepWithinTheIntervalIsRefused() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);

    assertFalse(throttle.accept(TASK, "PROGRESS", "parsing", 20, at(1000)));
    assertFalse(throttle.accept(TASK, "PROGRESS", "parsing", 30, at(1999)));
  }

  @Test
  void changedStepIsAcceptedAtOnce() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);

    assertTrue(throttle.accept(TASK, "PROGRESS", "writing", 10, at(1)));
  }

  @Test
  void reachingOneHundredPercentIsAcceptedAtOnce() {
    throttle.accept(TASK, "PROGRESS", "parsing", 90, T0);

    assertTrue(throttle.accept(TASK, "PROGRESS", "parsing", 100, at(1)));
  }

  @Test
  void sameStepAfterTheIntervalIsAccepted() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);

    assertTrue(throttle.accept(TASK, "PROGRESS", "parsing", 20, at(2001)));
    assertTrue(throttle.accept(TASK, "PROGRESS", "parsing", 30, at(10_000)));
  }

  @Test
  void intervalCountsFromTheLastAcceptedReportNotTheLastRefusedOne() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);
    assertFalse(throttle.accept(TASK, "PROGRESS", "parsing", 15, at(1500)));

    assertTrue(throttle.accept(TASK, "PROGRESS", "parsing", 20, at(2500)));
    assertFalse(throttle.accept(TASK, "PROGRESS", "parsing", 25, at(3000)));
  }

  @Test
  void acceptedStepChangeRestartsTheInterval() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);
    throttle.accept(TASK, "PROGRESS", "writing", 50, at(1500));

    assertFalse(throttle.accept(TASK, "PROGRESS", "writing", 60, at(2500)));
    assertTrue(throttle.accept(TASK, "PROGRESS", "writing", 70, at(3501)));
  }

  @Test
  void tasksAreThrottledIndependently() {
    throttle.accept("task-a", "PROGRESS", "parsing", 10, T0);

    assertTrue(throttle.accept("task-b", "PROGRESS", "parsing", 10, at(1)));
    assertFalse(throttle.accept("task-a", "PROGRESS", "parsing", 11, at(2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"STARTED", "SUCCESS", "FAILURE", "REVOKED", "RETRY"})
  void otherStatusesAreAlwaysAccepted(String status) {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);

    assertTrue(throttle.accept(TASK, status, null, 0, at(1)));
    assertTrue(throttle.accept(TASK, status, null, 0, at(2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUCCESS", "FAILURE", "REVOKED"})
  void readyStatusForgetsTheTask(String status) {
    throttle.accept("task-a", "PROGRESS", "parsing", 10, T0);
    throttle.accept("task-b", "PROGRESS", "parsing", 10, T0);
    assertEquals(2, throttle.tracked());

    throttle.accept("task-a", status, null, 0, at(1));

    assertEquals(1, throttle.tracked());
    assertTrue(throttle.accept("task-a", "PROGRESS", "parsing", 10, at(2)));
  }

  @Test
  void startedDoesNotResetTheThrottle() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);
    throttle.accept(TASK, "STARTED", null, 0, at(1));

    assertEquals(1, throttle.tracked());
    assertFalse(throttle.accept(TASK, "PROGRESS", "parsing", 12, at(2)));
  }

  @Test
  void refusedReportsAreNotTracked() {
    throttle.accept(TASK, "PROGRESS", "parsing", 10, T0);
    throttle.accept(TASK, "PROGRESS", "parsing", 11, at(1));
    throttle.accept(TASK, "PROGRESS", "parsing", 12, at(2));

    assertEquals(1, throttle.tracked());
  }
}
