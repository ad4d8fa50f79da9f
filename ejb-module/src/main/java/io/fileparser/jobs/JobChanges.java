package io.fileparser.jobs;

import io.fileparser.jobs.entity.JobChanged;
import java.util.List;

/**
 * The changes one publication of a job carried ({@link JobEvents#publish}), in the order the job
 * made them, fired as one CDI event. What acts after the commit ({@code AFTER_SUCCESS}) hears a
 * transaction's changes to a job together, so what it does per event (a registration with the
 * transaction, a call to a session bean, a round trip to Redis) is done once, not once per change.
 */
public record JobChanges(List<JobChanged> changes) {

  public JobChanges {
    changes = List.copyOf(changes);
  }
}
