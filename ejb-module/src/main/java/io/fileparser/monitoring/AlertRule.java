package io.fileparser.monitoring;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules alerts fire by. A tenant's rule fires per tenant (and subject) and tells the tenant's
 * admins; a platform rule fires once for the fleet and is the operator's.
 */
public enum AlertRule {
  /** A tenant's oldest queued job has waited longer than its threshold (not while paused). */
  QUEUE_OLDEST_AGE("queue.oldest_age", false),
  /** Too many of a tenant's recently finished jobs failed. */
  JOBS_FAILURE_RATE("jobs.failure_rate", false),
  /** A webhook endpoint was disabled after failing too long (its subject: the endpoint's id). */
  WEBHOOK_ENDPOINT_DISABLED("webhook.endpoint_disabled", false),
  /** No parse worker has sent a heartbeat within its interval. */
  WORKERS_NONE_LIVE("workers.none_live", true),
  /** Scanning is on and clamd does not answer. */
  SCANNER_DOWN("scanner.down", true);

  private final String wireName;
  private final boolean platform;

  AlertRule(String wireName, boolean platform) {
    this.wireName = wireName;
    this.platform = platform;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether it concerns the fleet (the operator) rather than one tenant. */
  public boolean isPlatform() {
    return platform;
  }

  public static Optional<AlertRule> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }
}
