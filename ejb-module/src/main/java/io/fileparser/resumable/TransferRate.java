package io.fileparser.resumable;

import java.time.Duration;

/**
 * The speed of an upload as an exponential moving average of its chunks' speeds, and the time left
 * at that speed. A moving average follows a network that gets slower or faster within a few chunks
 * but is not thrown by one slow chunk.
 */
public final class TransferRate {

  /** The weight of the newest chunk. */
  static final double ALPHA = 0.3;

  private TransferRate() {}

  /**
   * The average after one more chunk of {@code bytes} that took {@code elapsed}; the first chunk
   * (previous 0) sets it. A chunk too short to time leaves it as it was.
   */
  public static double next(double previous, long bytes, Duration elapsed) {
    if (bytes <= 0 || elapsed.toNanos() <= 0) {
      return previous;
    }
    double current = bytes / (elapsed.toNanos() / 1e9);
    return previous <= 0 ? current : ALPHA * current + (1 - ALPHA) * previous;
  }

  /** Seconds left for the rest at this speed; null when unknown (no length or no speed yet). */
  public static Long etaSeconds(Long length, long offset, double bytesPerSecond) {
    if (length == null || bytesPerSecond <= 0) {
      return null;
    }
    return (long) Math.ceil(Math.max(0, length - offset) / bytesPerSecond);
  }
}
