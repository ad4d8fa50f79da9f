package io.fileparser.progress;

import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Catches up with task states that were published but not applied: while the subscription was down,
 * or while the database was (the publish is gone, the state stays stored under {@code
 * celery-task-meta-<id>}). Reads the stored state of every job in flight and applies it; applying
 * is idempotent, so a state already applied changes nothing.
 */
@ApplicationScoped
public class StoredStates {

  private static final Logger LOG = Logger.getLogger(StoredStates.class.getName());
  private static final int BATCH = 500;

  @Inject RedisConnection redis;
  @Inject TaskOutcomes outcomes;

  /** Applies every stored state of a job in flight: the catch-up after (re)subscribing. */
  public void reconcile() {
    reconcile(state -> true);
  }

  /**
   * Applies only finished states (success, failure, revoke), and only those already found stored
   * and unapplied in the previous round ({@code foundBefore}): safe on a schedule, because a stale
   * progress state re-applied would pass for a sign of life of a worker that may be gone, and a
   * state the worker has only just stored is left one round to its published message, which is on
   * its way (applying it here as well would race that message for the same job, and the live path
   * is the one that times a report). Returns the finished states found this round, for the next;
   * after a round that failed, the ones found before as well.
   */
  public Set<String> reconcileFinished(Set<String> foundBefore) {
    Set<String> found = new HashSet<>();
    boolean read =
        reconcile(
            state -> {
              if (!state.isReady()) {
                return false;
              }
              found.add(state.taskId());
              return foundBefore.contains(state.taskId());
            });
    if (!read) {
      found.addAll(foundBefore);
    }
    return found;
  }

  /**
   * Applies the stored states {@code due} of the jobs in flight; whether the round went through.
   */
  private boolean reconcile(Predicate<TaskState> due) {
    try {
      List<String> taskIds = outcomes.inFlightTaskIds();
      for (int from = 0; from < taskIds.size(); from += BATCH) {
        List<String> batch = taskIds.subList(from, Math.min(taskIds.size(), from + BATCH));
        List<String> keys = new ArrayList<>(batch.size());
        batch.forEach(id -> keys.add(TaskState.KEY_PREFIX + id));
        for (String value : redis.pool().mget(keys.toArray(String[]::new))) {
          if (value != null) {
            TaskState.parse(value).filter(due).ifPresent(this::applyQuietly);
          }
        }
      }
      LOG.fine(() -> "reconciled " + taskIds.size() + " in-flight jobs");
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reconciling in-flight jobs failed; will try again", e);
      return false;
    }
  }

  /**
   * Applies one state; a failure is logged, not thrown (the next reconciliation retries it).
   * Returns whether it changed a job (committed).
   */
  public boolean applyQuietly(TaskState state) {
    try {
      return outcomes.apply(state);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not apply " + state.status() + " of task " + state.taskId(), e);
      return false;
    }
  }
}
