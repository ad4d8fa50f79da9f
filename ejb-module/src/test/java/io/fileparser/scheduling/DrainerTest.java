package io.fileparser.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainerTest {

  private static final Duration LONG = Duration.ofHours(1);

  private Drainer drainer;

  @AfterEach
  void stop() {
    if (drainer != null) {
      drainer.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aKickRunsAPassAtOnce() throws InterruptedException {
    Semaphore passes = new Semaphore(0);
    drainer = Drainer.start(Thread::new, "test", LONG, LONG, released(passes));
    drainer.kick();
    assertTrue(passes.tryAcquire(5, TimeUnit.SECONDS));
    assertFalse(passes.tryAcquire(200, TimeUnit.MILLISECONDS), "one kick, one pass");
  }

  @Test
  void withoutKicksPassesRunOnTheInterval() throws InterruptedException {
    Semaphore passes = new Semaphore(0);
    drainer =
        Drainer.start(Thread::new, "test", Duration.ZERO, Duration.ofMillis(20), released(passes));
    assertTrue(passes.tryAcquire(3, 5, TimeUnit.SECONDS), "the first at once, then each interval");
  }

  @Test
  void kicksDuringAPassMakeOneMorePass() throws InterruptedException {
    CountDownLatch inFirstPass = new CountDownLatch(1);
    CountDownLatch releaseFirstPass = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    Semaphore done = new Semaphore(0);
    drainer =
        Drainer.start(
            Thread::new,
            "test",
            LONG,
            LONG,
            () -> {
              if (passes.incrementAndGet() == 1) {
                inFirstPass.countDown();
                await(releaseFirstPass);
              }
              done.release();
              return true;
            });
    drainer.kick();
    assertTrue(inFirstPass.await(5, TimeUnit.SECONDS));
    for (int i = 0; i < 100; i++) {
      drainer.kick(); // what the pass under way may have missed
    }
    releaseFirstPass.countDown();
    assertTrue(done.tryAcquire(2, 5, TimeUnit.SECONDS));
    assertFalse(done.tryAcquire(200, TimeUnit.MILLISECONDS), "a hundred kicks, one more pass");
    assertEquals(2, passes.get());
  }

  @Test
  void aFailingPassIsRetriedOnTheIntervalNotOnKicks() throws InterruptedException {
    AtomicInteger passes = new AtomicInteger();
    Semaphore done = new Semaphore(0);
    drainer =
        Drainer.start(
            Thread::new,
            "test",
            LONG,
            LONG,
            () -> {
              passes.incrementAndGet();
              done.release();
              return false;
            });
    drainer.kick();
    assertTrue(done.tryAcquire(5, TimeUnit.SECONDS));
    drainer.kick();
    drainer.kick();
    assertFalse(done.tryAcquire(300, TimeUnit.MILLISECONDS), "kicks do not retry a failing pass");
    assertEquals(1, passes.get());
  }

  @Test
  void aPassThatThrowsDoesNotEndTheThread() throws InterruptedException {
    AtomicInteger passes = new AtomicInteger();
    Semaphore done = new Semaphore(0);
    drainer =
        Drainer.start(
            Thread::new,
            "test",
            Duration.ZERO,
            Duration.ofMillis(20),
            () -> {
              done.release();
              if (passes.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
              }
              return true;
            });
    assertTrue(done.tryAcquire(3, 5, TimeUnit.SECONDS));
  }

  @Test
  void stopEndsTheThreadAfterThePassUnderWay() throws InterruptedException {
    AtomicReference<Thread> thread = new AtomicReference<>();
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    drainer =
        Drainer.start(
            runnable -> {
              Thread t = new Thread(runnable);
              thread.set(t);
              return t;
            },
            "test",
            LONG,
            LONG,
            () -> {
              passes.incrementAndGet();
              inPass.countDown();
              await(release);
              return true;
            });
    drainer.kick();
    assertTrue(inPass.await(5, TimeUnit.SECONDS));
    drainer.kick();
    new Thread(
            () -> {
              sleep(200); // stop (below) has asked the thread to end by then
              release.countDown();
            })
        .start();
    drainer.stop(Duration.ofSeconds(5));
    drainer = null;
    assertFalse(thread.get().isAlive());
    assertEquals(1, passes.get(), "no pass after stop, even with a kick waiting");
  }

  @Test
  void theIntervalMustBePositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Drainer.start(Thread::new, "test", LONG, Duration.ZERO, () -> true));
  }

  private static BooleanSupplier released(Semaphore passes) {
    return () -> {
      passes.release();
      return true;
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
