package io.fileparser.jobs.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a parse job. A job is born {@code RECEIVED} while its upload is registered and leaves
 * that state in the same transaction (to the queue, the scanner's waiting room or quarantine). A
 * job whose file needs its columns mapped waits in {@code NEEDS_MAPPING}, which is not terminal but
 * not in flight either: only a person's decision moves it on. Terminal states are final for the
 * workers: a late or repeated worker result never moves a job out of one. A person may send a
 * failed, cancelled or dead-lettered job back to the queue (a new attempt; the history is kept),
 * and may delete a finished job: {@code DELETED} is the state its last event names, never a stored
 * row, for the job is gone with that event. A completed job never runs again.
 *
 * <p>Before the queue, a job may be held: {@code WAITING} for the jobs it depends on to finish,
 * then {@code SCHEDULED} until the instant its submitter chose. Neither is in flight; both may be
 * cancelled.
 */
public enum JobState {
  RECEIVED,
  SCANNING,
  QUARANTINED,
  /** Waits for the jobs it depends on to finish (they release it, or fail it by its policy). */
  WAITING,
  /** Waits for the instant it was scheduled at, then enters the queue. */
  SCHEDULED,
  QUEUED,
  RUNNING,
  /**
   * The worker read the file but no template fits it well enough: the job waits for a person to map
   * its columns (mapping approved: back to the queue; rejected: failed; or cancelled).
   */
  NEEDS_MAPPING,
  COMPLETED,
  FAILED,
  CANCELLED,
  DEAD_LETTERED,
  DELETED;

  public boolean isTerminal() {
    return this == COMPLETED
        || this == FAILED
        || this == CANCELLED
        || this == DEAD_LETTERED
        || this == DELETED;
  }

  /** Whether a person may send a job in this state back to the queue for a new attempt. */
  public boolean isRetryable() {
    return this == FAILED || this == CANCELLED || this == DEAD_LETTERED;
  }

  /** Whether the job is held before the queue: waiting for its dependencies or its time. */
  public boolean isHeld() {
    return this == WAITING || this == SCHEDULED;
  }

  /** Whether a job in this state may move to another state {@code next}. */
  public boolean canMoveTo(JobState next) {
    return successors().contains(next);
  }

  private Set<JobState> successors() {
    return switch (this) {
      case RECEIVED -> EnumSet.of(SCANNING, QUARANTINED, WAITING, SCHEDULED, QUEUED, FAILED);
      case SCANNING -> EnumSet.of(WAITING, SCHEDULED, QUEUED, QUARANTINED, FAILED, CANCELLED);
      case WAITING -> EnumSet.of(SCHEDULED, QUEUED, FAILED, CANCELLED);
      case SCHEDULED -> EnumSet.of(QUEUED, CANCELLED);
      case QUARANTINED -> EnumSet.of(QUEUED, CANCELLED);
      case QUEUED ->
          EnumSet.of(RUNNING, NEEDS_MAPPING, COMPLETED, FAILED, CANCELLED, DEAD_LETTERED);
      case RUNNING ->
          EnumSet.of(QUEUED, NEEDS_MAPPING, COMPLETED, FAILED, CANCELLED, DEAD_LETTERED);
      case NEEDS_MAPPING -> EnumSet.of(QUEUED, FAILED, CANCELLED);
      case FAILED, CANCELLED, DEAD_LETTERED -> EnumSet.of(QUEUED, DELETED);
      case COMPLETED -> EnumSet.of(DELETED);
      case DELETED -> EnumSet.noneOf(JobState.class);
    };
  }
}
