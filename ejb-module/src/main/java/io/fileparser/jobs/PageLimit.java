package io.fileparser.jobs;

import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.OptionalInt;

/** The {@code limit} query parameter of every paged read: a whole number from 1 to a maximum. */
public final class PageLimit {

  private PageLimit() {}

  /**
   * @throws ProblemException {@code invalid_request} for anything but a number in 1..max
   */
  public static int parse(String text, int max) {
    OptionalInt limit = InputLimits.wholeNumber(text);
    if (limit.isEmpty() || limit.getAsInt() < 1 || limit.getAsInt() > max) {
      throw outOfRange(max);
    }
    return limit.getAsInt();
  }

  private static ProblemException outOfRange(int max) {
    return new ProblemException(
        ProblemType.INVALID_REQUEST, "limit must be a whole number between 1 and " + max);
  }
}
