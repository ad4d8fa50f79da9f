package io.fileparser.usage;

import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Folds the API calls counted in Redis into {@code usage_counters} every {@code
 * fileparser.usage.fold-interval-s} (60): moves the live counts, applies every pending count (this
 * round's and any a round cut short left behind), then removes them from Redis. Redis or PostgreSQL
 * away: the counts wait in Redis for a later round; reports add them meanwhile.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ApiCallFold extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(ApiCallFold.class.getName());

  @Inject ApiCallLedger ledger;
  @Inject UsageFolds folds;

  @Inject
  @ConfigProperty(name = "fileparser.usage.fold-interval-s", defaultValue = "60")
  long intervalSeconds;

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(Math.max(1, intervalSeconds));
  }

  @Override
  protected void runRound() {
    fold();
  }

  /** One round; returns how many counts it applied. */
  int fold() {
    ledger.moveLive();
    List<ApiCallCount> pending = ledger.pending();
    if (pending.isEmpty()) {
      return 0;
    }
    int applied = folds.apply(pending);
    ledger.forget(pending);
    LOG.fine(() -> "folded " + applied + " API call counts into usage_counters");
    return applied;
  }
}
