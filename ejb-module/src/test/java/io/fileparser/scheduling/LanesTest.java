package io.fileparser.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanesTest {

  private Lanes lanes;

  @AfterEach
  void stop() {
    if (lanes != null) {
      lanes.stop();
    }
  }

  @Test
  void oneTasksStatesAreAppliedInTheOrderHeard() throws InterruptedException {
    lanes = new Lanes(Thread::new, "test", 4, 100);
    List<Integer> applied = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(500);
    for (int i = 0; i < 500; i++) {
      int n = i;
      lanes.submit(
          "task-a",
          () -> {
            applied.add(n);
            done.countDown();
          });
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      expected.add(i);
    }
    assertEquals(expected, applied);
  }

  @Test
  void aSlowTaskDoesNotHoldUpAnother() throws InterruptedException {
    lanes = new Lanes(Thread::new, "test", 2, 100);
    String slow = keyOnLane(0, 2);
    String other = keyOnLane(1, 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch otherApplied = new CountDownLatch(1);
    lanes.submit(slow, () -> await(release));
    lanes.submit(other, otherApplied::countDown);

    assertTrue(otherApplied.await(5, TimeUnit.SECONDS), "the other task waited for the slow one");
    release.countDown();
  }

  @Test
  void aFailingStateDoesNotEndItsLane() throws InterruptedException {
    lanes = new Lanes(Thread::new, "test", 1, 100);
    CountDownLatch after = new CountDownLatch(1);
    lanes.submit(
        "task-a",
        () -> {
          throw new IllegalStateException("the database is away");
        });
    lanes.submit("task-a", after::countDown);

    assertTrue(after.await(5, TimeUnit.SECONDS));
  }

  @Test
  void needsALane() {
    assertThrows(IllegalArgumentException.class, () -> new Lanes(Thread::new, "test", 0, 1));
  }

  private static String keyOnLane(int lane, int lanes) {
    for (int i = 0; ; i++) {
      String key = "task-" + i;
      if (Math.floorMod(key.hashCode(), lanes) == lane) {
        return key;
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
