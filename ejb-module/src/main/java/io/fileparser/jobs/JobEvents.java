package io.fileparser.jobs;

import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Publishes the changes a job recorded, in order, in the caller's transaction. Every service that
 * changes a job calls {@link #publish} before it returns: each {@link JobChangeListener} makes the
 * changes whole inside the transaction (the history, dispatch, ...), all of them in one call, then
 * they are fired together as one CDI event ({@link JobChanges}), whose {@code AFTER_SUCCESS}
 * observers push them outward once it commits.
 */
@ApplicationScoped
public class JobEvents {

  @Inject Event<JobChanges> changed;
  @Inject @Any Instance<JobChangeListener> listenerBeans;

  /** Resolved once: references to stateless beans serve any number of calls and threads. */
  List<JobChangeListener> listeners = List.of();

  @PostConstruct
  void resolveListeners() {
    listeners = listenerBeans.stream().toList();
  }

  /** Publishes the job's recorded changes; a new job must have been persisted first. */
  public void publish(Job job) {
    List<JobChanged> changes = job.drainChanges();
    if (changes.isEmpty()) {
      return;
    }
    for (JobChangeListener listener : listeners) {
      listener.onChanges(changes);
    }
    changed.fire(new JobChanges(changes));
  }
}
