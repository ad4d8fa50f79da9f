package io.fileparser.scheduling;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A periodic task that drains a queue kept elsewhere (an outbox table) in batches: on its fixed
 * delay, the safety net, and at once when {@link #kick kicked} after a commit that filled the
 * queue. One drain runs at a time per instance; a kick that arrives meanwhile is served by the same
 * run. A failed drain is logged once, and its recovery once, however many rounds it lasts.
 */
public abstract class DrainingTask extends PeriodicTask {

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean kicked = new AtomicBoolean();
  private volatile boolean failing;

  /** How many items a full batch has: a full batch means more may be due. */
  protected abstract int batchSize();

  /** Handles one batch of at most {@link #batchSize()} due items; returns how many it took. */
  protected abstract int drainBatch();

  /** What the log says once the drain fails after having worked. */
  protected abstract String failedMessage();

  /** What the log says once the drain works again after failing. */
  protected abstract String recoveredMessage();

  /**
   * Drains now, not at the next tick (or right after the drain under way). Kicks coalesce: while a
   * kicked round waits for a thread or a drain runs, further kicks only say that more may be due,
   * so a burst of commits costs one round on the scheduler, not one task each.
   */
  public void kick() {
    pending.set(true);
    if (!running.get() && kicked.compareAndSet(false, true)) {
      runSoon();
    }
  }

  /** Drains until nothing is due. */
  @Override
  protected void runRound() {
    kicked.set(false);
    if (!running.compareAndSet(false, true)) {
      pending.set(true);
      return;
    }
    Logger log = Logger.getLogger(getClass().getName());
    try {
      do {
        pending.set(false);
        while (drainBatch() == batchSize()) {
          // a full batch: more may be due
        }
      } while (pending.get());
      if (failing) {
        log.info(recoveredMessage());
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.log(Level.WARNING, failedMessage(), e);
        failing = true;
      }
    } finally {
      running.set(false);
    }
    if (pending.get() && !failing) {
      kick(); // a kick that came as the drain was ending
    }
  }
}
