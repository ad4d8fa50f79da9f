package io.fileparser.jobs;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.entity.JobState;
import java.time.Instant;
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

  public JobQuery {
    states = Set.copyOf(states);
    formats = Set.copyOf(formats);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
  }
}
