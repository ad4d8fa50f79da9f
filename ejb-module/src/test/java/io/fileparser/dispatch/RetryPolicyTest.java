package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  private static final Duration BASE = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(5);
  private static final RetryPolicy POLICY = new RetryPolicy(4, BASE, MAX);
  private static final int DRAWS = 500;

  /** The ceiling the delay after {@code attempt} is drawn under: min(base * 2^(n-1), max). */
  private static long capMillis(RetryPolicy policy, int attempt) {
    long cap = policy.base().toMillis();
    for (int i = 1; i < attempt && cap < policy.max().toMillis(); i++) {
      cap *= 2;
    }
    return Math.min(cap, policy.max().toMillis());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "WorkerLostError",
        "WorkerLost",
        "TimeLimitExceeded",
        "SoftTimeLimitExceeded",
        "StorageUnavailable"
      })
  void failuresOfTheEnvironmentAreRetryable(String category) {
    assertTrue(POLICY.isRetryable(category));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"BadFile", "UnsupportedLayout", "NotRegistered", "ValueError", ""})
  void failuresOfTheFileOrUnknownOnesAreNotRetryable(String category) {
    assertFalse(POLICY.isRetryable(category));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void attemptsBeforeTheLastAllowAnother(int attempt) {
    assertTrue(POLICY.allowsAnotherAfter(attempt));
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 100})
  void theLastAttemptAndLaterOnesAllowNoOther(int attempt) {
    assertFalse(POLICY.allowsAnotherAfter(attempt));
  }

  @Test
  void delayLiesBetweenHalfAndAllOfTheCap() {
    for (long seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      for (int attempt = 1; attempt <= 12; attempt++) {
        long cap = capMillis(POLICY, attempt);
        for (int i = 0; i < 25; i++) {
          long delay = POLICY.delayAfter(attempt, random).toMillis();
          assertTrue(
              delay >= cap / 2 && delay <= cap,
              "attempt "
                  + attempt
                  + " seed "
                  + seed
                  + ": "
                  + delay
                  + " not in ["
                  + cap / 2
                  + ", "
                  + cap
                  + "]");
        }
      }
    }
  }

  @Test
  void firstRetryWaitsBetweenHalfAndAllOfTheBase() {
    Random random = new Random(7);
    for (int i = 0; i < DRAWS; i++) {
      Duration delay = POLICY.delayAfter(1, random);
      assertTrue(delay.compareTo(BASE.dividedBy(2)) >= 0 && delay.compareTo(BASE) <= 0, "" + delay);
    }
  }

  @Test
  void delaysAreJitteredNotConstant() {
    Random random = new Random(42);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < DRAWS; i++) {
      long delay = POLICY.delayAfter(3, random).toMillis();
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }

    assertTrue(max - min > capMillis(POLICY, 3) / 4, "spread " + min + ".." + max);
  }

  @Test
  void delayGrowsWithAttemptsUntilTheCap() {
    long previousAverage = -1;
    long previousHighest = -1;
    for (int attempt = 1; capMillis(POLICY, attempt - 1) < MAX.toMillis(); attempt++) {
      Random random = new Random(1234);
      long sum = 0;
      long highest = 0;
      for (int i = 0; i < DRAWS; i++) {
        long delay = POLICY.delayAfter(attempt, random).toMillis();
        sum += delay;
        highest = Math.max(highest, delay);
      }
      long average = sum / DRAWS;
      assertTrue(average > previousAverage, "attempt " + attempt + " average " + average);
      assertTrue(highest > previousHighest, "attempt " + attempt + " highest " + highest);
      previousAverage = average;
      previousHighest = highest;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {9, 20, 31, 32, 40, 63, 64, 1000, Integer.MAX_VALUE})
  void lateAttemptsAreCappedAtMaxWithoutOverflow(int attempt) {
    Random random = new Random(attempt);
    for (int i = 0; i < DRAWS; i++) {
      Duration delay = POLICY.delayAfter(attempt, random);
      assertFalse(delay.isNegative(), "" + delay);
      assertTrue(delay.compareTo(MAX) <= 0, "" + delay);
      assertTrue(delay.compareTo(MAX.dividedBy(2)) >= 0, "" + delay);
    }
  }

  @Test
  void largeBaseIsStillCappedAtMax() {
    RetryPolicy policy = new RetryPolicy(4, Duration.ofHours(1), Duration.ofDays(1));
    Random random = new Random(3);
    for (int attempt = 1; attempt <= 40; attempt++) {
      long cap = capMillis(policy, attempt);
      Duration delay = policy.delayAfter(attempt, random);
      assertTrue(delay.toMillis() >= cap / 2 && delay.toMillis() <= cap, attempt + ": " + delay);
    }
    assertEquals(Duration.ofDays(1).toMillis(), capMillis(policy, 40));
  }

  @Test
  void zeroBaseMeansNoWait() {
    RetryPolicy policy = new RetryPolicy(4, Duration.ZERO, MAX);
    Random random = new Random(5);

    for (int attempt = 1; attempt <= 40; attempt++) {
      assertEquals(Duration.ZERO, policy.delayAfter(attempt, random), "attempt " + attempt);
    }
  }

  @Test
  void zeroMaxMeansNoWait() {
    RetryPolicy policy = new RetryPolicy(4, BASE, Duration.ZERO);

    assertEquals(Duration.ZERO, policy.delayAfter(3, new Random(5)));
  }

  @Test
  void sameSeedGivesTheSameDelay() {
    assertEquals(POLICY.delayAfter(3, new Random(99)), POLICY.delayAfter(3, new Random(99)));
  }
}
