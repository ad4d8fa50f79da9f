package io.fileparser.jobs;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;

/** The {@code limit} query parameter of every paged read: a whole number from 1 to a maximum. */
public final class PageLimit {

  private PageLimit() {}

  /**
   * @throws ProblemException {@code invalid_request} for anything but a number in 1..max
   */
  public static int parse(String text, int max) {
    int limit;
    try {
      limit = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw outOfRange(max);
    }
    if (limit < 1 || limit > max) {
      throw outOfRange(max);
    }
    return limit;
  }

  private static ProblemException outOfRange(int max) {
    return new ProblemException(
        ProblemType.INVALID_REQUEST, "limit must be a whole number between 1 and " + max);
  }
}
