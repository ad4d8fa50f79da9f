package io.fileparser.problem;

import java.time.Instant;
import java.util.Optional;

/**
 * What a client value must keep to before it reaches PostgreSQL, checked where it enters. The
 * database refuses a NUL character in any text and an instant outside {@code timestamptz}'s range
 * (4713 BC to 294276 AD) with a data exception, which would otherwise surface as a 500; Java reads
 * both happily ({@code Instant.parse("+999999999-12-31T23:59:59Z")}). Text with an unpaired
 * surrogate (JSON's {@code "\ud800"}) is not Unicode at all: the driver would silently store a
 * {@code ?} in its place. Instants are held to the four-digit years of ISO-8601, well inside that
 * range and all any client means.
 */
public final class InputLimits {

  /** The first instant a client may send: 0001-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The last instant a client may send: 9999-12-31T23:59:59.999999Z. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private InputLimits() {}

  /**
   * @throws ProblemException {@code invalid_request} naming {@code name} if the text holds NUL or
   *     an unpaired surrogate
   */
  public static String text(String value, String name) {
    if (value == null) {
      return null;
    }
    if (value.indexOf('\0') >= 0) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, name + " must not contain a NUL character");
    }
    if (value
        .codePoints()
        .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          name + " must be Unicode text (it has an unpaired surrogate)");
    }
    return value;
  }

  /**
   * @throws ProblemException {@code invalid_request} naming {@code name} if the instant lies
   *     outside the years 0001 to 9999
   */
  public static Instant instant(Instant value, String name) {
    if (!isWithinRange(value)) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, name + " must lie between the years 0001 and 9999");
    }
    return value;
  }

  /**
   * A whole number written the way clients mean one: ASCII digits with an optional leading minus,
   * surrounding spaces ignored. Java's {@code Integer.parseInt} also takes a leading {@code +} and
   * digits of every script ({@code "\u0665"} is 5), which no client means and which a check written
   * with ASCII in mind would not expect.
   *
   * @return empty for anything else, or a number beyond {@code int}
   */
  public static java.util.OptionalInt wholeNumber(String text) {
    if (text == null) {
      return java.util.OptionalInt.empty();
    }
    String digits = text.strip();
    if (!WHOLE_NUMBER.matcher(digits).matches()) {
      return java.util.OptionalInt.empty();
    }
    try {
      return java.util.OptionalInt.of(Integer.parseInt(digits));
    } catch (NumberFormatException e) {
      return java.util.OptionalInt.empty(); // beyond int
    }
  }

  private static final java.util.regex.Pattern WHOLE_NUMBER =
      java.util.regex.Pattern.compile("-?[0-9]{1,10}");

  /** Whether the instant (null counts as absent, so within) lies in the years 0001 to 9999. */
  public static boolean isWithinRange(Instant value) {
    return value == null || (!value.isBefore(EARLIEST) && !value.isAfter(LATEST));
  }

  /**
   * Recognises the database refusing a value as data (SQLSTATE class 22: a NUL byte, a timestamp or
   * number out of range, a string too long): a value of the request that no check stopped on its
   * way in. Answered as the client's error, {@code 400 invalid_request}, never a 500. Looks through
   * the cause chain, since JPA and the container wrap what the driver threw.
   */
  public static Optional<String> refusedByDatabase(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        return Optional.of(sql.getSQLState());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
