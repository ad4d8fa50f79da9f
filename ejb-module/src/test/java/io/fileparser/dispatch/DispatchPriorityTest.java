package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DispatchPriorityTest {

  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;
  private static final long GIB = 1024 * MIB;

  /** Between the small and the large threshold: no size adjustment. */
  private static final long MEDIUM = 10 * MIB;

  @Test
  void mostUrgentIsServedFirstAndLeastUrgentLast() {
    assertEquals(0, DispatchPriority.of(9, "standard", MEDIUM, null));
    assertEquals(9, DispatchPriority.of(0, "standard", MEDIUM, null));
  }

  @Test
  void eachStepOfUrgencyMovesOneBandEarlier() {
    for (int urgency = 0; urgency <= 9; urgency++) {
      assertEquals(9 - urgency, DispatchPriority.of(urgency, "standard", MEDIUM, null));
    }
  }

  @Test
  void higherTiersGetLowerKombuPriorityForTheSameFile() {
    int enterprise = DispatchPriority.of(5, "enterprise", MEDIUM, null);
    int premium = DispatchPriority.of(5, "premium", MEDIUM, null);
    int standard = DispatchPriority.of(5, "standard", MEDIUM, null);
    int free = DispatchPriority.of(5, "free", MEDIUM, null);

    assertTrue(enterprise < premium, enterprise + " < " + premium);
    assertTrue(premium < standard, premium + " < " + standard);
    assertTrue(standard < free, standard + " < " + free);
  }

  @ParameterizedTest
  @CsvSource({"enterprise, 2", "premium, 3", "standard, 4", "free, 5"})
  void tierMovesTheDocumentedNumberOfBands(String tier, int expected) {
    assertEquals(expected, DispatchPriority.of(5, tier, MEDIUM, null));
  }

  @Test
  void missingTierCountsAsStandard() {
    assertEquals(
        DispatchPriority.of(5, "standard", MEDIUM, null),
        DispatchPriority.of(5, null, MEDIUM, null));
    assertEquals(
        DispatchPriority.of(2, "standard", 10 * KIB, null),
        DispatchPriority.of(2, null, 10 * KIB, null));
  }

  @Test
  void smallFilesGoFirstAndLargeAndHugeOnesLater() {
    int small = DispatchPriority.of(5, "standard", 10 * KIB, null);
    int medium = DispatchPriority.of(5, "standard", MEDIUM, null);
    int large = DispatchPriority.of(5, "standard", 500 * MIB, null);
    int huge = DispatchPriority.of(5, "standard", 2 * GIB, null);

    assertEquals(3, small);
    assertEquals(4, medium);
    assertEquals(5, large);
    assertEquals(6, huge);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 3",
    "1048575, 3",
    "1048576, 4",
    "104857599, 4",
    "104857600, 5",
    "1073741823, 5",
    "1073741824, 6",
    "9223372036854775807, 6"
  })
  void sizeBandsChangeAtTheThresholds(long size, int expected) {
    assertEquals(expected, DispatchPriority.of(5, "standard", size, null));
  }

  @Test
  void thresholdsAreOneMebibyteOneHundredMebibytesAndOneGibibyte() {
    assertEquals(MIB, DispatchPriority.SMALL_FILE);
    assertEquals(100 * MIB, DispatchPriority.LARGE_FILE);
    assertEquals(GIB, DispatchPriority.HUGE_FILE);
  }

  @Test
  void resultIsClampedToZero() {
    assertEquals(0, DispatchPriority.of(9, "enterprise", 10 * KIB, null));
    assertEquals(0, DispatchPriority.of(8, "premium", 10 * KIB, null));
  }

  @Test
  void resultIsClampedToNine() {
    assertEquals(9, DispatchPriority.of(0, "free", 2 * GIB, null));
    assertEquals(9, DispatchPriority.of(1, "free", 2 * GIB, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 42, Integer.MAX_VALUE})
  void urgencyAboveNineCountsAsNine(int urgency) {
    assertEquals(
        DispatchPriority.of(9, "standard", MEDIUM, null),
        DispatchPriority.of(urgency, "standard", MEDIUM, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, -42, Integer.MIN_VALUE})
  void urgencyBelowZeroCountsAsZero(int urgency) {
    assertEquals(
        DispatchPriority.of(0, "standard", MEDIUM, null),
        DispatchPriority.of(urgency, "standard", MEDIUM, null));
  }

  @Test
  void everyCombinationStaysWithinZeroToNine() {
    String[] tiers = {"enterprise", "premium", "standard", "free", null};
    long[] sizes = {0, 10 * KIB, MEDIUM, 500 * MIB, 5 * GIB};
    for (int urgency = -2; urgency <= 11; urgency++) {
      for (String tier : tiers) {
        for (long size : sizes) {
          int p = DispatchPriority.of(urgency, tier, size, null);
          assertTrue(p >= 0 && p <= 9, urgency + "/" + tier + "/" + size + " gave " + p);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "4, 4", "9, 9"})
  void overrideReplacesTheWholeComputation(int override, int expected) {
    assertEquals(expected, DispatchPriority.of(0, "free", 5 * GIB, override));
    assertEquals(expected, DispatchPriority.of(9, "enterprise", 10 * KIB, override));
  }

  @ParameterizedTest
  @CsvSource({"-1, 0", "-100, 0", "10, 9", "2147483647, 9"})
  void overrideIsClamped(int override, int expected) {
    assertEquals(expected, DispatchPriority.of(5, "standard", MEDIUM, override));
  }

  private record Pending(String name, String tier, long size, int urgency) {
    int priority() {
      return DispatchPriority.of(urgency, tier, size, null);
    }
  }

  @Test
  void queueOrderFollowsTheDocumentedIntent() {
    List<Pending> jobs =
        new ArrayList<>(
            List.of(
                new Pending("free-huge-low", "free", 3 * GIB, 0),
                new Pending("standard-medium-normal", "standard", MEDIUM, 5),
                new Pending("premium-large-normal", "premium", 300 * MIB, 5),
                new Pending("standard-small-normal", "standard", 20 * KIB, 5),
                new Pending("standard-huge-normal", "standard", 3 * GIB, 5),
                new Pending("free-small-urgent", "free", 20 * KIB, 8),
                new Pending("enterprise-small-urgent", "enterprise", 20 * KIB, 9)));

    jobs.sort(Comparator.comparingInt(Pending::priority));

    assertEquals("enterprise-small-urgent", jobs.get(0).name());
    assertTrue(jobs.get(0).priority() < jobs.get(1).priority(), "strictly first: " + jobs);
    assertEquals("free-huge-low", jobs.get(jobs.size() - 1).name());
    assertTrue(
        jobs.get(jobs.size() - 2).priority() < jobs.get(jobs.size() - 1).priority(),
        "strictly last: " + jobs);
    assertTrue(
        before(jobs, "standard-small-normal", "standard-huge-normal"),
        "a small file waits less than a huge one of the same tier and urgency: " + jobs);
    assertTrue(
        before(jobs, "free-small-urgent", "standard-medium-normal"),
        "urgency outweighs a lower tier: " + jobs);
  }

  private static boolean before(List<Pending> jobs, String first, String second) {
    int a = -1;
    int b = -1;
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).name().equals(first)) {
        a = i;
      }
      if (jobs.get(i).name().equals(second)) {
        b = i;
      }
    }
    return a >= 0 && b >= 0 && jobs.get(a).priority() < jobs.get(b).priority();
  }
}
