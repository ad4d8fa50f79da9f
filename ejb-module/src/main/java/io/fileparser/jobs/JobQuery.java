package io.fileparser.jobs;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;

/**
 * A page of the job list: which jobs ({@link JobFilter}), in which order (creation time, newest
 * first unless told otherwise), how many, after which position, and whether to count them all.
 */
public record JobQuery(
    JobFilter filter, boolean newestFirst, int limit, Cursor after, boolean withTotal) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
  }

  /** The first page of the jobs {@code filter} selects, oldest first, without a total. */
  public static JobQuery oldestFirst(JobFilter filter, int limit) {
    return new JobQuery(filter, false, limit, null, false);
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
    if (!order.equals("created") && !order.equals("-created")) {
      throw invalid("sort must be 'created' or '-created'");
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
        order.equals("-created"),
        pageSize,
        cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor),
        withTotal);
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
