package io.fileparser.usage;

import io.fileparser.broker.RedisConnection;
import jakarta.persistence.EntityManager;

/** The usage beans wired by hand for component tests. */
public final class UsageBeans {

  private UsageBeans() {}

  public static UsageCounters counters(EntityManager em) {
    UsageCounters counters = new UsageCounters();
    counters.em = em;
    return counters;
  }

  public static JobUsage jobUsage(EntityManager em) {
    JobUsage usage = new JobUsage();
    usage.em = em;
    usage.counters = counters(em);
    return usage;
  }

  static ApiCallLedger ledger(RedisConnection redis) {
    ApiCallLedger ledger = new ApiCallLedger();
    ledger.redis = redis;
    return ledger;
  }

  static UsageFolds folds(EntityManager em) {
    UsageFolds folds = new UsageFolds();
    folds.em = em;
    folds.counters = counters(em);
    return folds;
  }

  static UsageReport report(EntityManager em, RedisConnection redis) {
    UsageReport report = new UsageReport();
    report.em = em;
    report.ledger = ledger(redis);
    return report;
  }
}
