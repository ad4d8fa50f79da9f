package io.fileparser.jobs.entity;

/**
 * What happens to a waiting job when one of its dependencies finishes without completing (failed,
 * cancelled, dead-lettered or deleted).
 */
public enum DependencyPolicy {
  /** The waiting job fails at once, with the error category {@code dependency_failed}. */
  FAIL,
  /** The dependency counts as finished: the waiting job goes on once the others have finished. */
  CONTINUE
}
