package io.fileparser.security;

import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Moves each closed window of authentication failures from Redis into the audit trail, on every
 * instance, a few times per window: whichever instance takes a window ({@link
 * AuthFailureCounter#takeClosed}) records it, so each window becomes its records once. A window
 * that cannot be recorded (the database away, or not migrated yet on a first start) is put back for
 * the next round; a failing round is logged once, and its recovery once.
 *
 * <p>What is lost: a window taken by an instance that dies before recording it (the counts of one
 * window), and failures counted while Redis does not answer (see {@link AuthenticationFailures}).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuthFailureFlush extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(AuthFailureFlush.class.getName());

  /** Windows recorded per round at most: a backlog drains over a few rounds, not in one. */
  static final int MAX_WINDOWS_PER_ROUND = 100;

  @Inject AuthFailureCounter counter;
  @Inject AuthFailureRecords records;

  private volatile boolean failing;

  /** A quarter of the window, between one and fifteen seconds. */
  @Override
  protected Duration interval() {
    long millis = counter.window().toMillis() / 4;
    return Duration.ofMillis(Math.max(1000, Math.min(15_000, millis)));
  }

  @Override
  protected void runRound() {
    try {
      for (int i = 0; i < MAX_WINDOWS_PER_ROUND; i++) {
        Optional<FailureWindow> window = counter.takeClosed();
        if (window.isEmpty()) {
          break;
        }
        record(window.get());
      }
      if (failing) {
        LOG.info("authentication failures are recorded in the audit trail again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(
            Level.WARNING,
            "authentication failures not recorded this round; they wait in Redis for the next",
            e);
        failing = true;
      }
    }
  }

  private void record(FailureWindow window) {
    try {
      records.record(window);
    } catch (RuntimeException e) {
      try {
        counter.putBack(window);
      } catch (JedisException lost) {
        LOG.log(
            Level.WARNING,
            "the authentication failures of the window "
                + window.start()
                + " are lost: neither recorded nor put back",
            lost);
      }
      throw e;
    }
  }
}
