package io.fileparser.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A startup singleton that drains a queue kept elsewhere (an outbox table) in batches: on its fixed
 * delay, the safety net, and at once when {@link #kick kicked} after a commit that filled the
 * queue. The drain runs on a thread of its own ({@link Drainer}), so one drain runs at a time per
 * instance, a kick that arrives meanwhile is served by one more pass right after it, and a kick
 * costs the committing request next to nothing. A failed drain is logged once, and its recovery
 * once, however many rounds it lasts; while it fails, only the fixed delay tries again.
 *
 * <p>Subclasses are
 * {@code @Startup @Singleton @ApplicationScoped @DependsOn("SchemaMigrator") @ConcurrencyManagement(BEAN)}
 * beans: started after the schema is migrated (their thread drains from then on, while the
 * application is still deploying), and application scoped so that a CDI event observed to kick them
 * reaches one reference made once, not a new one looked up in JNDI per event.
 */
public abstract class DrainingTask {

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  @Resource(lookup = "concurrent/parserThreads")
  protected ManagedThreadFactory threads;

  private volatile Drainer drainer;
  private boolean failing; // only the drainer's thread reads and writes it

  /** The delay between the end of one drain and the next unkicked one (and before the first). */
  protected abstract Duration interval();

  /** The delay before the first unkicked drain; the interval unless a subclass says otherwise. */
  protected Duration initialDelay() {
    return interval();
  }

  /** How many items a full batch has: a full batch means more may be due. */
  protected abstract int batchSize();

  /** Handles one batch of at most {@link #batchSize()} due items; returns how many it took. */
  protected abstract int drainBatch();

  /** What the log says once the drain fails after having worked. */
  protected abstract String failedMessage();

  /** What the log says once the drain works again after failing. */
  protected abstract String recoveredMessage();

  @PostConstruct
  void startDraining() {
    drainer =
        Drainer.start(
            threads,
            "drain-" + getClass().getSimpleName(),
            initialDelay(),
            interval(),
            this::drain);
  }

  @PreDestroy
  void stopDraining() {
    if (drainer != null) {
      drainer.stop(STOP_GRACE);
    }
  }

  /** Drains now, not at the next tick (or right after the drain under way). */
  public void kick() {
    Drainer current = drainer;
    if (current != null) {
      current.kick();
    }
  }

  /** Drains until a batch is not full; says whether it worked. */
  private boolean drain() {
    Logger log = Logger.getLogger(getClass().getName());
    try {
      while (drainBatch() == batchSize()) {
        // a full batch: more may be due
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.log(Level.WARNING, failedMessage(), e);
        failing = true;
      }
      return false;
    }
    if (failing) {
      log.info(recoveredMessage());
      failing = false;
    }
    return true;
  }
}
