package io.fileparser.jobs.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;

/**
 * Reads a page size. Taken as text because JAX-RS answers 404 for a query parameter it cannot
 * convert, and {@code limit=abc} is a bad request, not a missing resource.
 */
final class Limits {

  private Limits() {}

  static int parse(String text, int max) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "limit must be a whole number between 1 and " + max);
    }
  }
}
