package io.fileparser.jobs;

import io.fileparser.dispatch.CollectedEvents;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The jobs capability's beans wired by hand for component tests (no CDI container). */
public final class JobBeans {

  private JobBeans() {}

  public static JobHistory history(EntityManager em) {
    JobHistory history = new JobHistory();
    history.em = em;
    return history;
  }

  /**
   * JobEvents that hand a job's changes to these listeners, in order, inside the transaction, as
   * the server does; nothing observes the fired events.
   */
  public static JobEvents events(JobChangeListener... listeners) {
    JobEvents events = new JobEvents();
    events.changed = new CollectedEvents<>();
    events.listeners = List.of(listeners);
    return events;
  }
}
