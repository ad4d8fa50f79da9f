package io.fileparser.events;

import io.fileparser.jobs.entity.JobState;
import io.fileparser.jobs.entity.Step;
import java.util.Arrays;
import java.util.Optional;

/** What happened to a job, in the names clients filter and subscribe by. */
public enum JobEventType {
  CREATED("job.created"),
  STEP_CHANGED("job.step_changed"),
  SCANNED("job.scanned"),
  QUARANTINED("job.quarantined"),
  /** The job waits for the jobs it depends on (and again as each finishes, named by its step). */
  WAITING("job.waiting"),
  /** The job waits for the instant it was scheduled at (or was given another). */
  SCHEDULED("job.scheduled"),
  /** A held job entered the queue: its dependencies finished, or its instant came. */
  RELEASED("job.released"),
  QUEUED("job.queued"),
  DISPATCHED("job.dispatched"),
  PROGRESS("job.progress"),
  COMPLETED("job.completed"),
  NEEDS_MAPPING("job.needs_mapping"),
  FAILED("job.failed"),
  RETRIED("job.retried"),
  CANCELLED("job.cancelled"),
  DEAD_LETTERED("job.dead_lettered"),
  /** The job's last event: it was deleted, and reads of it answer 404 from now on. */
  DELETED("job.deleted");

  private final String wireName;

  JobEventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type of that wire name, if it is one. */
  public static Optional<JobEventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  /**
   * Names a recorded change. A move into a terminal state names that state; entering the queue is
   * {@code queued} from reception, a late scan or an approved mapping and {@code retried} after an
   * attempt, {@code released} from waiting or scheduled; entering those is {@code waiting} and
   * {@code scheduled} (a new instant of a scheduled job too); waiting for a mapping is {@code
   * needs_mapping}; a change within a state is named by its step, a worker's report being {@code
   * progress}.
   */
  public static JobEventType of(JobState from, JobState to, String step, Integer percent) {
    if (from == null) {
      return CREATED;
    }
    switch (to) {
      case COMPLETED:
        return COMPLETED;
      case NEEDS_MAPPING:
        return NEEDS_MAPPING;
      case FAILED:
        return FAILED;
      case DEAD_LETTERED:
        return DEAD_LETTERED;
      case CANCELLED:
        return CANCELLED;
      case DELETED:
        return DELETED;
      case QUARANTINED:
        return QUARANTINED;
      case WAITING:
        if (from != JobState.WAITING) {
          return WAITING;
        }
        break;
      case SCHEDULED:
        return SCHEDULED;
      case QUEUED:
        if (Step.QUEUED.wireName().equals(step)) {
          if (from.isHeld()) {
            return RELEASED;
          }
          return from == JobState.RECEIVED
                  || from == JobState.SCANNING
                  || from == JobState.NEEDS_MAPPING
              ? QUEUED
              : RETRIED;
        }
        break;
      case RUNNING:
        if (from == JobState.QUEUED || percent != null) {
          return PROGRESS;
        }
        break;
      default:
        break;
    }
    if (Step.DISPATCHED.wireName().equals(step)) {
      return DISPATCHED;
    }
    if (Step.SCANNED.wireName().equals(step) && from == to) {
      return SCANNED;
    }
    return STEP_CHANGED;
  }
}
