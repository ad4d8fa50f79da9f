package io.fileparser.jobs;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filters and paging of the job list. Empty sets mean "any"; {@code createdFrom} is inclusive and
 * {@code createdTo} exclusive.
 */
public record JobQuery(
    Set<JobState> states,
    Set<FileFormat> formats,
    Instant createdFrom,
    Instant createdTo,
    String filenameContains,
    boolean newestFirst,
    int limit,
    Cursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;
  public static final int MAX_FILENAME_FILTER = 255;

  public JobQuery {
    states = Set.copyOf(states);
    formats = Set.copyOf(formats);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
  }

  /**
   * Reads the list's query parameters as a client sent them: states and formats repeatable or
   * comma-separated (any case), ISO-8601 instants, {@code created} or {@code -created}.
   *
   * @throws ProblemException {@code invalid_request} or {@code invalid_cursor}, naming the
   *     parameter
   */
  public static JobQuery parse(
      List<String> states,
      List<String> formats,
      String createdFrom,
      String createdTo,
      String filename,
      String sort,
      String limit,
      String cursor) {
    int pageSize =
        PageLimit.parse(limit == null ? Integer.toString(DEFAULT_LIMIT) : limit, MAX_LIMIT);
    String order = sort == null ? "-created" : sort;
    if (!order.equals("created") && !order.equals("-created")) {
      throw invalid("sort must be 'created' or '-created'");
    }
    if (filename != null && filename.length() > MAX_FILENAME_FILTER) {
      throw invalid("filename filter must be at most " + MAX_FILENAME_FILTER + " characters");
    }
    InputLimits.text(filename, "filename filter");
    return new JobQuery(
        enums(states, JobState.class, "state"),
        enums(formats, FileFormat.class, "format"),
        instant(createdFrom, "createdFrom"),
        instant(createdTo, "createdTo"),
        filename,
        order.equals("-created"),
        pageSize,
        cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
  }

  private static <E extends Enum<E>> Set<E> enums(List<String> values, Class<E> type, String name) {
    Set<E> result = EnumSet.noneOf(type);
    for (String value : values == null ? List.<String>of() : values) {
      for (String item : value.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        try {
          result.add(Enum.valueOf(type, item.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw invalid(name + " '" + item.strip() + "' is not one of " + EnumSet.allOf(type));
        }
      }
    }
    return result;
  }

  private static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return InputLimits.instant(Instant.parse(value.strip()), name);
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
