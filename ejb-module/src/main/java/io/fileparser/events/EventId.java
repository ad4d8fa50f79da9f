package io.fileparser.events;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.UUID;

/** An event's id, {@code <jobId>:<seq>}: what a tenant-wide subscriber resumes after. */
public record EventId(UUID jobId, int seq) {

  /**
   * Reads an event id a client sent back.
   *
   * @throws ProblemException {@code invalid_request} when it is not one
   */
  public static EventId parse(String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon > 0) {
      try {
        UUID jobId = UUID.fromString(text.substring(0, colon).strip());
        int seq = Integer.parseInt(text.substring(colon + 1).strip());
        if (seq >= 1) {
          return new EventId(jobId, seq);
        }
      } catch (IllegalArgumentException e) {
        // answered below (NumberFormatException is one)
      }
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, "an event id is <jobId>:<seq>, as the event's id field says");
  }

  @Override
  public String toString() {
    return jobId + ":" + seq;
  }
}
