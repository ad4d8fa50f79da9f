package io.fileparser.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way a startup singleton runs work on a fixed delay: on the application's managed
 * scheduler ({@code concurrent/parserScheduler}), started when the bean is, cancelled when it is
 * destroyed. A round that throws is logged and the next round runs as planned, so one bad round
 * never ends the schedule (a plain scheduled executor would stop it silently).
 *
 * <p>Subclasses are {@code @Startup @Singleton @ConcurrencyManagement(BEAN)} beans that say how
 * often ({@link #interval()}) and what ({@link #runRound()}).
 */
public abstract class PeriodicTask {

  @Resource(lookup = "concurrent/parserScheduler")
  protected ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> schedule;

  /** The delay between the end of one round and the start of the next (and before the first). */
  protected abstract Duration interval();

  /** The delay before the first round; the interval unless a subclass says otherwise. */
  protected Duration initialDelay() {
    return interval();
  }

  /** One round of the work. */
  protected abstract void runRound();

  @PostConstruct
  void startSchedule() {
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::runGuarded,
            Math.max(0, initialDelay().toMillis()),
            Math.max(1, interval().toMillis()),
            TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stopSchedule() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  private void runGuarded() {
    try {
      runRound();
    } catch (RuntimeException e) {
      Logger.getLogger(getClass().getName())
          .log(Level.WARNING, getClass().getSimpleName() + " round failed; will run again", e);
    }
  }
}
