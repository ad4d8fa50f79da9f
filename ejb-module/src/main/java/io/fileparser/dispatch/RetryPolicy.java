package io.fileparser.dispatch;

import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Which worker failures are worth another attempt, and how long to wait before it.
 *
 * <p>Retryable are failures of the environment, not of the file: the worker process died, the task
 * ran out of time, storage could not be read. A file that cannot be parsed fails the same way every
 * time, so it is not retried. The delay grows exponentially from {@code base} and is capped at
 * {@code max}; "full jitter" (a uniform draw between half and all of it) keeps a burst of failures
 * from coming back as a burst of retries.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {

  /**
   * Celery exception names (the {@code exc_type} of a FAILURE) that deserve another attempt, and
   * {@code UntrustedResult} (records reported at a location that was not assigned): another worker
   * may be configured right, and the attempts stay bounded.
   */
  static final Set<String> RETRYABLE =
      Set.of(
          "UntrustedResult",
          "WorkerLostError",
          "WorkerLost",
          "TimeLimitExceeded",
          "SoftTimeLimitExceeded",
          "StorageUnavailable",
          "ConnectionError",
          "OperationalError",
          "TimeoutError");

  public boolean isRetryable(String category) {
    return category != null && RETRYABLE.contains(category);
  }

  /** Whether attempt number {@code attempt} (1-based, just failed) may be followed by another. */
  public boolean allowsAnotherAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /** How long to wait before attempt {@code attempt + 1}. */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long ceiling = max.toMillis();
    long baseMillis = Math.max(0, base.toMillis());
    int doublings = Math.min(Math.max(attempt - 1, 0), 62);
    // Saturate instead of shifting into overflow.
    long exponential =
        baseMillis == 0
            ? 0
            : baseMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : baseMillis << doublings;
    long capped = Math.min(exponential, ceiling);
    long half = capped / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
