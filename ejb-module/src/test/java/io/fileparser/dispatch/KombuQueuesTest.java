package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KombuQueuesTest {

  @Test
  void priorityZeroLivesInTheListNamedLikeTheQueue() {
    assertEquals("parser", KombuQueues.listKey("parser", 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
  void otherPrioritiesLiveInQueueColonPriority(int priority) {
    assertEquals("parser:" + priority, KombuQueues.listKey("parser", priority));
  }

  @Test
  void eachPriorityHasItsOwnList() {
    Set<String> keys = new HashSet<>();
    for (int p = 0; p <= 9; p++) {
      keys.add(KombuQueues.listKey("celery", p));
    }

    assertEquals(10, keys.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 10, 255, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void priorityOutsideZeroToNineIsRefused(int priority) {
    assertThrows(IllegalArgumentException.class, () -> KombuQueues.listKey("parser", priority));
  }

  @Test
  void pidboxChannelCarriesTheDatabaseNumber() {
    assertEquals("/0.celery.pidbox", KombuQueues.pidboxChannel(0));
    assertEquals("/3.celery.pidbox", KombuQueues.pidboxChannel(3));
    assertEquals("/15.celery.pidbox", KombuQueues.pidboxChannel(15));
  }

  @Test
  void eventChannelPatternMatchesEveryRoutingKeyOfTheDatabase() {
    assertEquals("/0.celeryev/*", KombuQueues.eventChannelPattern(0));
    assertEquals("/3.celeryev/*", KombuQueues.eventChannelPattern(3));
  }
}
