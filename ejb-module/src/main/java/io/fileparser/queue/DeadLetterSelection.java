package io.fileparser.queue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Which dead letters a re-queue or purge acts on: the jobs named by id, or all dead letters
 * (optionally only one tenant's, one format's). A job named by id that is not dead-lettered is
 * skipped, never re-queued or deleted: this is not a second {@code POST /jobs/bulk}.
 */
public record DeadLetterSelection(
    List<UUID> jobIds, boolean all, String tenantId, FileFormat format) {

  /**
   * Reads a selection as a client sent it.
   *
   * @throws ProblemException {@code invalid_request} unless exactly one of {@code jobIds} (not
   *     empty, no null) and {@code all: true} is given, for filters beside ids, or an unknown
   *     format
   */
  public static DeadLetterSelection parse(
      List<UUID> jobIds, Boolean all, String tenantId, String format) {
    boolean everything = Boolean.TRUE.equals(all);
    if ((jobIds != null) == everything) {
      throw invalid("name the dead letters either by jobIds or by all: true, not both");
    }
    if (jobIds != null) {
      if (jobIds.isEmpty()) {
        throw invalid("jobIds names no job");
      }
      if (jobIds.stream().anyMatch(Objects::isNull)) {
        throw invalid("jobIds holds a null");
      }
      if (tenantId != null || format != null) {
        throw invalid("tenantId and format filter all: true; jobIds name the jobs themselves");
      }
      return new DeadLetterSelection(List.copyOf(jobIds), false, null, null);
    }
    return new DeadLetterSelection(null, true, tenantId, format(format));
  }

  /**
   * @throws ProblemException {@code invalid_request} for anything but PDF, CSV, CDR or UNKNOWN
   */
  public static FileFormat format(String format) {
    if (format == null || format.isBlank()) {
      return null;
    }
    try {
      return FileFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("format must be one of " + List.of(FileFormat.values()));
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
