package io.fileparser.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private static final RandomGenerator NO_JITTER = () -> 0L;

  /** A random source whose doubles are just below 1: the largest jitter. */
  private static final RandomGenerator MAX_JITTER =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return -1L;
        }

        @Override
        public double nextDouble() {
          return Math.nextDown(1.0);
        }
      };

  @Test
  void theDefaultIsTheStandardWebhooksSchedule() {
    RetrySchedule schedule = RetrySchedule.parse(RetrySchedule.DEFAULT);
    assertEquals(
        List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10)),
        schedule.delays());
    assertEquals(8, schedule.attempts());
  }

  @Test
  void eachFailedAttemptWaitsItsDelayThenTheScheduleRunsOut() {
    RetrySchedule schedule = RetrySchedule.parse("1s,2s,3s");
    assertEquals(Optional.of(Duration.ofSeconds(1)), schedule.delayAfter(0, null, NO_JITTER));
    assertEquals(Optional.of(Duration.ofSeconds(2)), schedule.delayAfter(1, null, NO_JITTER));
    assertEquals(Optional.of(Duration.ofSeconds(3)), schedule.delayAfter(2, null, NO_JITTER));
    assertEquals(Optional.empty(), schedule.delayAfter(3, null, NO_JITTER));
  }

  @Test
  void jitterAddsUpToAFifthOfTheDelay() {
    RetrySchedule schedule = RetrySchedule.parse("5m");
    Duration longest = schedule.delayAfter(0, null, MAX_JITTER).orElseThrow();
    assertTrue(longest.compareTo(Duration.ofMinutes(5)) > 0, longest::toString);
    assertTrue(longest.compareTo(Duration.ofMinutes(6)) <= 0, longest::toString);
  }

  @Test
  void retryAfterIsHonouredWhenLongerAndCappedAtADay() {
    RetrySchedule schedule = RetrySchedule.parse("5s,5m");
    assertEquals(
        Optional.of(Duration.ofSeconds(120)),
        schedule.delayAfter(0, Duration.ofSeconds(120), NO_JITTER));
    assertEquals(
        Optional.of(Duration.ofMinutes(5)),
        schedule.delayAfter(1, Duration.ofSeconds(1), NO_JITTER));
    assertEquals(
        Optional.of(Duration.ofHours(24)), schedule.delayAfter(0, Duration.ofDays(30), NO_JITTER));
    assertEquals(Optional.empty(), schedule.delayAfter(2, Duration.ofSeconds(1), NO_JITTER));
  }

  @Test
  void readsEveryUnitAndRefusesNonsense() {
    assertEquals(
        List.of(
            Duration.ofMillis(250),
            Duration.ofSeconds(1),
            Duration.ofMinutes(2),
            Duration.ofHours(3),
            Duration.ofDays(1)),
        RetrySchedule.parse("250ms, 1s,2m ,3H,1d").delays());
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("s"));
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5w"));
    assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("-5s"));
  }

  @Test
  void retryAfterHeaderIsReadAsSecondsOrAnHttpDate() {
    assertEquals(Duration.ofSeconds(30), WebhookSender.retryAfter("30"));
    assertEquals(Duration.ZERO, WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(null, WebhookSender.retryAfter("soon"));
  }

  @Test
  void anEndpointIsDisabledOnceItHasFailedForTheWholeWindow() {
    java.time.Instant since = java.time.Instant.parse("2026-11-01T00:00:00Z");
    Duration window = Duration.ofDays(5);
    assertTrue(!DeliveryBatch.isFailingTooLong(null, since.plus(Duration.ofDays(9)), window));
    assertTrue(!DeliveryBatch.isFailingTooLong(since, since.plus(Duration.ofDays(4)), window));
    assertTrue(DeliveryBatch.isFailingTooLong(since, since.plus(Duration.ofDays(5)), window));
  }
}
