package io.fileparser.jobs;

import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Fires the changes a job recorded, in order, in the caller's transaction. Every service that
 * changes a job calls {@link #publish} before it returns; the observers inside the transaction (the
 * history, dispatch) make the change whole, those {@code AFTER_SUCCESS} push it outward.
 */
@ApplicationScoped
public class JobEvents {

  @Inject Event<JobChanged> changed;

  /** Fires the job's recorded changes; a new job must have been persisted first. */
  public void publish(Job job) {
    for (JobChanged change : job.drainChanges()) {
      changed.fire(change);
    }
  }
}
