package io.fileparser.jobs;

import io.fileparser.jobs.entity.JobChanged;
import java.util.List;

/**
 * A service that makes a job's change whole inside the transaction that made it (its history, its
 * dispatch, usage, dependants, webhook and notification outboxes): {@link JobEvents#publish} hands
 * it the changes before the transaction goes on. Implemented by session beans, which expose it as a
 * local view beside their own ({@code @Local(JobChangeListener.class) @LocalBean}). What acts after
 * the commit observes {@link JobChanged} as a CDI event instead ({@code AFTER_SUCCESS}).
 *
 * <p>Not a CDI observer because a stateless bean observing an event costs a new reference to it,
 * looked up in JNDI, for every event delivered; JobEvents looks each listener up once.
 */
public interface JobChangeListener {

  /**
   * The changes one publication carries (one job's, in the order it made them), in the transaction
   * that made them: one call for all of them, so the container's work around a call to a session
   * bean is done once per listener and publication, not once per change.
   */
  void onChanges(List<JobChanged> changes);
}
