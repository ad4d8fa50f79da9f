package io.fileparser.ratelimit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quota of requests per window: {@code quota} requests may come at once, and the quota comes back
 * evenly over {@code windowSeconds} (one request every {@code window / quota}).
 *
 * @param name the endpoint class's policy name ({@code read}, {@code write}, {@code upload})
 */
public record RatePolicy(String name, int quota, int windowSeconds) {

  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,6})\\s*s?\\s*");

  public RatePolicy {
    if (quota < 1 || windowSeconds < 1) {
      throw new IllegalArgumentException(
          "a rate policy needs a quota and a window of at least 1: " + quota + "/" + windowSeconds);
    }
  }

  /**
   * A policy written {@code <quota>/<window seconds>}, e.g. {@code 1200/60}.
   *
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static RatePolicy parse(String name, String text) {
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a rate policy is written <quota>/<window seconds>, e.g. 1200/60, not: " + text);
    }
    return new RatePolicy(name, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The time one request's share of the quota takes to come back, in microseconds. */
  public long emissionIntervalMicros() {
    return Math.max(1, windowSeconds * 1_000_000L / quota);
  }

  /** The {@code RateLimit-Policy} member: {@code "read";q=1200;w=60}. */
  public String header() {
    return "\"" + name + "\";q=" + quota + ";w=" + windowSeconds;
  }
}
