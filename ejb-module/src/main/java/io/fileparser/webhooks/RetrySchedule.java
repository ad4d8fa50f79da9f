package io.fileparser.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * When a failed message is tried again. The default, {@code 5s,5m,30m,2h,5h,10h,10h}, is the
 * schedule of the Standard Webhooks reference implementations: a blip is covered within seconds, an
 * outage of a deploy within the hour, and a receiver down for a day and a half still gets every
 * message; after the last delay has passed and that attempt failed too, the message is given up.
 *
 * <p>Each delay is stretched by up to {@link #JITTER} at random, so messages that failed together
 * (a receiver's outage) do not all come back in the same second. A receiver's {@code Retry-After}
 * is honoured when it asks for longer than the schedule would wait, up to {@link #MAX_RETRY_AFTER}.
 */
public final class RetrySchedule {

  public static final String DEFAULT = "5s,5m,30m,2h,5h,10h,10h";

  /** Up to this share of a delay is added at random. */
  static final double JITTER = 0.2;

  /** A receiver may push a retry back by this much at most (it cannot park a message forever). */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

  private final List<Duration> delays;

  private RetrySchedule(List<Duration> delays) {
    this.delays = List.copyOf(delays);
  }

  /**
   * Reads a schedule such as {@code 5s,5m,30m,2h}: whole numbers with {@code ms}, {@code s}, {@code
   * m}, {@code h} or {@code d}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static RetrySchedule parse(String text) {
    List<Duration> delays = new ArrayList<>();
    for (String part : text.split(",")) {
      delays.add(duration(part.strip().toLowerCase(Locale.ROOT)));
    }
    return new RetrySchedule(delays);
  }

  private static Duration duration(String part) {
    int unitAt = 0;
    while (unitAt < part.length() && Character.isDigit(part.charAt(unitAt))) {
      unitAt++;
    }
    if (unitAt == 0 || unitAt == part.length()) {
      throw new IllegalArgumentException("not a delay like 5s, 5m or 2h: '" + part + "'");
    }
    long amount = Long.parseLong(part.substring(0, unitAt));
    return switch (part.substring(unitAt)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("unknown unit in '" + part + "'");
    };
  }

  public List<Duration> delays() {
    return delays;
  }

  /** How many attempts a message gets in all: the first and one after each delay. */
  public int attempts() {
    return delays.size() + 1;
  }

  /**
   * The wait before the next attempt after the failed attempt number {@code failedStep} (0 for the
   * first attempt, or the first after a resend), or empty when the schedule has run out.
   *
   * @param retryAfter what the receiver asked for, or null
   */
  public java.util.Optional<Duration> delayAfter(
      int failedStep, Duration retryAfter, RandomGenerator random) {
    if (failedStep >= delays.size()) {
      return java.util.Optional.empty();
    }
    Duration base = delays.get(failedStep);
    long jitter = (long) (base.toMillis() * JITTER * random.nextDouble());
    Duration delay = base.plusMillis(jitter);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
    return java.util.Optional.of(delay);
  }

  @Override
  public String toString() {
    return delays.toString();
  }
}
