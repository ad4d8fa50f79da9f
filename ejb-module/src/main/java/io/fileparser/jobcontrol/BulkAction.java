package io.fileparser.jobcontrol;

import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bulk operation does to each of its jobs, and when a job is skipped rather than changed:
 * the action does not apply to its state (a reason clients can switch on), which is not an error.
 */
public enum BulkAction {
  /** Stop a job that has not finished; a running task is terminated. */
  CANCEL,
  /** Send a failed, cancelled or dead-lettered job back to the queue as a new attempt. */
  RETRY,
  /** Delete the job, its results and, if no other job references them, its stored bytes. */
  DELETE,
  /** Give a queued job another priority; it is queued again at that priority. */
  REPRIORITIZE;

  /**
   * Why a job in {@code state} with urgency {@code currentPriority} is left as it is, or empty when
   * the action applies.
   *
   * @param requestedPriority the operation's priority (required for reprioritize)
   */
  public Optional<String> skipReason(
      JobState state, int currentPriority, Integer requestedPriority) {
    return switch (this) {
      case CANCEL ->
          state == JobState.CANCELLED
              ? Optional.of("already_cancelled")
              : state.isTerminal() ? Optional.of("already_finished") : Optional.empty();
      case RETRY ->
          state.isRetryable()
              ? Optional.empty()
              : Optional.of(state == JobState.COMPLETED ? "completed" : "not_finished");
      case DELETE -> Optional.empty();
      case REPRIORITIZE ->
          state != JobState.QUEUED
              ? Optional.of("not_queued")
              : requestedPriority != null && requestedPriority == currentPriority
                  ? Optional.of("same_priority")
                  : Optional.empty();
    };
  }

  /** The lower-case name clients send. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws ProblemException {@code invalid_request} for anything but one of the actions
   */
  public static BulkAction parse(String text) {
    return Arrays.stream(values())
        .filter(
            a -> a.wireName().equals(text == null ? null : text.strip().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.INVALID_REQUEST,
                    "action must be one of cancel, retry, delete, reprioritize"));
  }
}
