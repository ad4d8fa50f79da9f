package io.fileparser.usage;

import io.fileparser.jobs.entity.JobState;
import io.fileparser.ratelimit.EndpointClass;
import java.util.Locale;
import java.util.Optional;

/**
 * What is counted, each under a stable name (the {@code metric} column of {@code usage_counters}
 * and, with the storage held, the columns of the CSV export; see {@code docs/usage.md}).
 */
public enum UsageMetric {
  /** Uploads accepted: one per job created by an upload (whole file or resumable). */
  UPLOADS,
  /** The bytes of each accepted upload (as stored: decompressed when it was sent gzip'd). */
  BYTES_RECEIVED,
  /** The bytes newly stored: an upload of bytes the tenant holds already stores nothing. */
  BYTES_STORED,
  /** The bytes of stored files removed (their last job deleted, or refused by a late scan). */
  BYTES_REMOVED,
  /** PDF pages read by completed jobs. */
  PAGES_PARSED,
  /** Records written by completed jobs. */
  ROWS_PARSED,
  JOBS_COMPLETED,
  JOBS_FAILED,
  JOBS_CANCELLED,
  JOBS_DEAD_LETTERED,
  JOBS_DELETED,
  API_CALLS_READ,
  API_CALLS_WRITE,
  API_CALLS_UPLOAD,
  /** Webhook attempts the receiver accepted (2xx). */
  WEBHOOK_DELIVERIES_DELIVERED,
  /** Webhook attempts that failed (each retry counts once). */
  WEBHOOK_DELIVERIES_FAILED;

  /** The stable name, e.g. {@code jobs_dead_lettered}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<UsageMetric> byWireName(String name) {
    for (UsageMetric metric : values()) {
      if (metric.wireName().equals(name)) {
        return Optional.of(metric);
      }
    }
    return Optional.empty();
  }

  /** The outcome a job's move into {@code state} counts under, if it is one. */
  public static Optional<UsageMetric> outcome(JobState state) {
    return Optional.ofNullable(
        switch (state) {
          case COMPLETED -> JOBS_COMPLETED;
          case FAILED -> JOBS_FAILED;
          case CANCELLED -> JOBS_CANCELLED;
          case DEAD_LETTERED -> JOBS_DEAD_LETTERED;
          case DELETED -> JOBS_DELETED;
          default -> null;
        });
  }

  /** The API calls of an endpoint class. */
  public static UsageMetric apiCalls(EndpointClass endpointClass) {
    return switch (endpointClass) {
      case READ -> API_CALLS_READ;
      case WRITE -> API_CALLS_WRITE;
      case UPLOAD -> API_CALLS_UPLOAD;
    };
  }
}
