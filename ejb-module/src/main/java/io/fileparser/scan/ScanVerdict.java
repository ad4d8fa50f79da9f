package io.fileparser.scan;

import java.util.Objects;

/**
 * What clamd said about one stream of content.
 *
 * <p>{@code signature} is the matched signature for {@link Outcome#INFECTED} (for example {@code
 * Eicar-Test-Signature.UNOFFICIAL}, or {@code Heuristics.Limits.Exceeded.MaxFileSize} when clamd
 * alerts on content it refused to scan fully), the limit's text for {@link Outcome#LIMIT_EXCEEDED},
 * clamd's error text for {@link Outcome#ERROR}, and {@code null} for {@link Outcome#CLEAN}. Neither
 * a LIMIT_EXCEEDED nor an ERROR verdict means clean: the content was <em>not</em> scanned (whole).
 * Transport failures are {@link ClamdException}s instead.
 *
 * @param bytesScanned how many bytes of content were handed to clamd
 */
public record ScanVerdict(Outcome outcome, String signature, long bytesScanned) {

  /** What a stream scan came to. */
  public enum Outcome {
    CLEAN,
    INFECTED,
    /** The content is longer than the scanner takes (ours or clamd's stream limit). */
    LIMIT_EXCEEDED,
    /** clamd answered with an error: the content was not scanned. */
    ERROR
  }

  public ScanVerdict {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == Outcome.CLEAN ? signature != null : signature == null) {
      throw new IllegalArgumentException(
          "signature must be null exactly when the outcome is CLEAN: " + outcome);
    }
    if (bytesScanned < 0) {
      throw new IllegalArgumentException("bytesScanned must not be negative: " + bytesScanned);
    }
  }

  public static ScanVerdict clean(long bytesScanned) {
    return new ScanVerdict(Outcome.CLEAN, null, bytesScanned);
  }

  public static ScanVerdict infected(String signature, long bytesScanned) {
    return new ScanVerdict(Outcome.INFECTED, signature, bytesScanned);
  }

  public static ScanVerdict limitExceeded(String message, long bytesScanned) {
    return new ScanVerdict(Outcome.LIMIT_EXCEEDED, message, bytesScanned);
  }

  public static ScanVerdict error(String message, long bytesScanned) {
    return new ScanVerdict(Outcome.ERROR, message, bytesScanned);
  }

  public boolean isClean() {
    return outcome == Outcome.CLEAN;
  }

  public boolean isInfected() {
    return outcome == Outcome.INFECTED;
  }
}
