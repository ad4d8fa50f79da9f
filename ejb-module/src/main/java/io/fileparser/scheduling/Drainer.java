package io.fileparser.scheduling;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread that runs passes over a queue kept elsewhere: when kicked, and after each interval
 * without a kick (the safety net). A kick is one compare-and-set and, for the first kick since the
 * last pass began, one unpark: kicks coalesce, and a kick during a pass makes one more pass right
 * after it, so no kick is lost. Nothing is handed to an executor per kick (a managed executor
 * captures the caller's context on every submission, which costs more than many a pass).
 *
 * <p>A pass that reports failure (or throws) is not run again on kicks: the next one waits for the
 * interval, so a queue whose destination is down is not hammered by every commit.
 */
public final class Drainer {

  private static final Logger LOG = Logger.getLogger(Drainer.class.getName());

  private final AtomicBoolean kicked = new AtomicBoolean();
  private final Duration initialDelay;
  private final Duration interval;
  private final BooleanSupplier pass;
  private final Thread thread;
  private volatile boolean stopping;

  private Drainer(
      ThreadFactory threads,
      String name,
      Duration initialDelay,
      Duration interval,
      BooleanSupplier pass) {
    this.initialDelay = initialDelay;
    this.interval = interval;
    this.pass = pass;
    this.thread = threads.newThread(this::run);
    thread.setName(name);
  }

  /**
   * Starts the thread; its first pass runs after {@code initialDelay} or at the first kick. {@code
   * pass} drains until nothing is due and says whether it worked.
   */
  public static Drainer start(
      ThreadFactory threads,
      String name,
      Duration initialDelay,
      Duration interval,
      BooleanSupplier pass) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive");
    }
    Drainer drainer = new Drainer(threads, name, initialDelay, interval, pass);
    drainer.thread.start();
    return drainer;
  }

  /** Asks for a pass now (or right after the pass under way). */
  public void kick() {
    if (kicked.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Ends the thread after the pass under way, waiting at most {@code grace} for it; a pass still
   * running then is interrupted.
   */
  public void stop(Duration grace) {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, grace.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }

  private void run() {
    long due = System.nanoTime() + Math.max(0, initialDelay.toNanos());
    boolean healthy = true;
    while (!stopping) {
      long wait = due - System.nanoTime();
      if (wait > 0 && !(healthy && kicked.get())) {
        LockSupport.parkNanos(this, wait);
        continue; // woken by a kick, stop, the deadline or spuriously: look again
      }
      kicked.set(false); // before the pass reads the queue: a kick from now on makes another
      try {
        healthy = pass.getAsBoolean();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.SEVERE, thread.getName() + " pass failed unexpectedly", e);
        healthy = false;
      }
      due = System.nanoTime() + interval.toNanos();
    }
  }
}
