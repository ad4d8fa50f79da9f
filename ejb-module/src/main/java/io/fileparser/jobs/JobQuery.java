package io.fileparser.jobs;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;

/**
 * A page of the job list: which jobs ({@link JobFilter}), in which order, how many, after which
 * position, and whether to count them all. The order is by creation time (newest first unless told
 * otherwise), or with {@code byPriority} by priority first: most urgent first, and within a
 * priority the oldest first, as the queue serves them ({@code newestFirst} false reverses it all).
 */
public record JobQuery(
    JobFilter filter,
    boolean newestFirst,
    int limit,
    Cursor after,
    boolean withTotal,
    boolean byPriority) {

  /** Sorted by creation time. */
  public JobQuery(
      JobFilter filter, boolean newestFirst, int limit, Cursor after, boolean withTotal) {
    this(filter, newestFirst, limit, after, withTotal, false);
  }

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** The orders a client may ask for: by creation time or by priority, either way round. */
  public static final java.util.List<String> SORTS =
      java.util.List.of("-created", "created", "-priority", "priority");

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
  }

  /**
   * Reads the list's query parameters as a client sent them: the filter's ({@link
   * JobFilter#parse}), {@code created} or {@code -created}, the page size, the cursor, and {@code
   * total=true} for the number of jobs the filter selects.
   *
   * @throws ProblemException {@code invalid_request} or {@code invalid_cursor}, naming the
   *     parameter
   */
  public static JobQuery parse(
      JobFilter.Input filter, String sort, String limit, String cursor, String total) {
    int pageSize =
        PageLimit.parse(limit == null ? Integer.toString(DEFAULT_LIMIT) : limit, MAX_LIMIT);
    String order = sort == null ? "-created" : sort;
    if (!SORTS.contains(order)) {
      throw invalid("sort must be one of " + SORTS);
    }
    boolean withTotal;
    if (total == null || total.isBlank() || total.equalsIgnoreCase("false")) {
      withTotal = false;
    } else if (total.equalsIgnoreCase("true")) {
      withTotal = true;
    } else {
      throw invalid("total must be true or false");
    }
    return new JobQuery(
        JobFilter.parse(filter),
        order.startsWith("-"),
        pageSize,
        cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor),
        withTotal,
        order.endsWith("priority"));
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
