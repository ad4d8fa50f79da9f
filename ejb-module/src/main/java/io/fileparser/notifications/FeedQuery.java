package io.fileparser.notifications;

import io.fileparser.jobs.Cursor;
import io.fileparser.jobs.PageLimit;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;

/**
 * What part of a feed to read: everything or only the unread, a page at a time, newest first.
 *
 * @param after the position after which the page starts; null for the first page
 */
public record FeedQuery(boolean unreadOnly, int limit, Cursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /**
   * Reads the query parameters as clients send them.
   *
   * @throws ProblemException {@code invalid_request} for an {@code unread} other than true or
   *     false, or a limit out of 1..200; {@code invalid_cursor} for a cursor this API did not give
   */
  public static FeedQuery parse(String unread, String limit, String cursor) {
    boolean unreadOnly;
    if (unread == null || unread.isBlank() || unread.strip().equalsIgnoreCase("false")) {
      unreadOnly = false;
    } else if (unread.strip().equalsIgnoreCase("true")) {
      unreadOnly = true;
    } else {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "unread is true or false");
    }
    int pageSize =
        limit == null || limit.isBlank() ? DEFAULT_LIMIT : PageLimit.parse(limit, MAX_LIMIT);
    return new FeedQuery(
        unreadOnly, pageSize, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
  }
}
