package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tus concatenation rules: which uploads a final upload may join, and when it can be joined. A
 * final upload names at least one partial upload, each once; it is joined when every partial
 * received all its bytes, and never when one of them went away (expired, terminated, failed).
 */
public final class ConcatRules {

  /** The most partials one final upload may join. */
  public static final int MAX_PARTIALS = 100;

  private ConcatRules() {}

  /**
   * @throws ProblemException {@code invalid_request} for no partial, too many, or one named twice
   */
  public static void requirePartialList(List<UUID> partials) {
    if (partials.isEmpty()) {
      throw invalid("Upload-Concat: final names no partial upload");
    }
    if (partials.size() > MAX_PARTIALS) {
      throw invalid("a final upload joins at most " + MAX_PARTIALS + " partial uploads");
    }
    if (new HashSet<>(partials).size() != partials.size()) {
      throw invalid("Upload-Concat: final names a partial upload more than once");
    }
  }

  /**
   * A final upload may name this upload.
   *
   * @throws ProblemException {@code invalid_request} when it is not a partial upload or the file
   *     pipeline refused it, {@code upload_gone} when it expired or was terminated
   */
  public static void requireJoinable(UploadStatus partial, Instant now) {
    if (!partial.isPartial()) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "the upload " + partial.id() + " is not a partial upload (Upload-Concat: partial)",
          Map.of("upload", partial.id()));
    }
    gone(partial, now)
        .ifPresent(
            problem -> {
              throw problem;
            });
    if (partial.state().equals("failed")) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "the partial upload " + partial.id() + " failed",
          Map.of("upload", partial.id()));
    }
  }

  /** Why the partials can never be joined, if one of them went away. */
  public static Optional<ProblemException> unjoinable(List<UploadStatus> partials, Instant now) {
    return partials.stream().map(p -> gone(p, now)).flatMap(Optional::stream).findFirst();
  }

  /** Whether every partial received all its bytes: the final upload can be joined now. */
  public static boolean allReceived(List<UploadStatus> partials) {
    return !partials.isEmpty()
        && partials.stream().allMatch(p -> p.state().equals("completed") && p.isComplete());
  }

  /** The length of the joined file. */
  public static long joinedLength(List<UploadStatus> partials) {
    return partials.stream().mapToLong(UploadStatus::offset).sum();
  }

  private static Optional<ProblemException> gone(UploadStatus partial, Instant now) {
    if (partial.state().equals("terminated")) {
      return Optional.of(
          new ProblemException(
              ProblemType.UPLOAD_GONE,
              "the partial upload " + partial.id() + " was terminated",
              Map.of("upload", partial.id())));
    }
    if (!partial.expiresAt().isAfter(now)) {
      return Optional.of(
          new ProblemException(
              ProblemType.UPLOAD_GONE,
              "the partial upload " + partial.id() + " expired at " + partial.expiresAt(),
              Map.of("upload", partial.id())));
    }
    return Optional.empty();
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
