package io.fileparser.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a client asks of a new job's start: the jobs it waits for ({@code dependsOn}, without
 * repeats, in the order named), what a dependency that does not complete does to it, and the
 * earliest instant it may enter the queue (null: at once).
 */
public record WorkflowOptions(
    List<UUID> dependsOn, OnDependencyFailure onDependencyFailure, Instant scheduleAt) {

  /** No dependencies, no schedule: the job enters the queue at once. */
  public static final WorkflowOptions NONE =
      new WorkflowOptions(List.of(), OnDependencyFailure.FAIL, null);

  /** What a dependency that fails, is cancelled, dead-lettered or deleted does to the job. */
  public enum OnDependencyFailure {
    /** The job fails too (error category {@code dependency_failed}); the default. */
    FAIL,
    /** The job goes on once its other dependencies have finished. */
    CONTINUE
  }

  public WorkflowOptions {
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(onDependencyFailure);
    if (dependsOn.stream().distinct().count() != dependsOn.size()) {
      throw new IllegalArgumentException("a dependency named twice");
    }
  }

  public boolean isNone() {
    return dependsOn.isEmpty() && scheduleAt == null;
  }
}
