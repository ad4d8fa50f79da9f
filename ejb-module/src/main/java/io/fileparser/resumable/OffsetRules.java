package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.Map;

/**
 * The tus rules for where a chunk may go: it starts exactly at the current offset, and it ends at
 * or before the upload's length, or, while the length is deferred, within the size limit.
 */
public final class OffsetRules {

  private OffsetRules() {}

  /**
   * @throws ProblemException {@code upload_offset_mismatch} (409) when the client's {@code
   *     Upload-Offset} is not where the upload stands
   */
  public static void requireOffset(long current, long claimed) {
    if (claimed != current) {
      throw new ProblemException(
          ProblemType.UPLOAD_OFFSET_MISMATCH,
          "Upload-Offset is " + claimed + " but the upload stands at " + current,
          Map.of("offset", current));
    }
  }

  /** The most bytes the next chunk may hold. */
  public static long room(long offset, Long length, long maxBytes) {
    return (length == null ? maxBytes : Math.min(length, maxBytes)) - offset;
  }

  /**
   * @throws ProblemException {@code file_too_large} (413) when the length is over the limit, {@code
   *     invalid_request} when it is negative or below what was received
   */
  public static void requireLength(long length, long offset, long maxBytes) {
    if (length < 0) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "Upload-Length must not be negative");
    }
    if (length > maxBytes) {
      throw new ProblemException(
          ProblemType.FILE_TOO_LARGE,
          "Upload-Length " + length + " is over the limit of " + maxBytes + " bytes",
          Map.of("maxBytes", maxBytes));
    }
    if (length < offset) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "Upload-Length " + length + " is below the " + offset + " bytes already received");
    }
  }

  /**
   * The problem for a chunk longer than {@link #room}: past the declared length, or past the limit
   * while the length is deferred.
   */
  public static ProblemException tooLong(long offset, Long length, long maxBytes) {
    if (length != null && length <= maxBytes) {
      return new ProblemException(
          ProblemType.UPLOAD_LENGTH_EXCEEDED,
          "the chunk goes past Upload-Length " + length + " (the upload stands at " + offset + ")",
          Map.of("length", length));
    }
    return new ProblemException(
        ProblemType.FILE_TOO_LARGE,
        "the upload is larger than the limit of " + maxBytes + " bytes",
        Map.of("maxBytes", maxBytes));
  }
}
