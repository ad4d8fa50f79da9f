package io.fileparser.jobs;

import io.fileparser.dispatch.CollectedEvents;
import io.fileparser.jobs.entity.JobChanged;
import jakarta.persistence.EntityManager;
import java.util.function.Consumer;

/** The jobs capability's beans wired by hand for component tests (no CDI container). */
public final class JobBeans {

  private JobBeans() {}

  public static JobHistory history(EntityManager em) {
    JobHistory history = new JobHistory();
    history.em = em;
    return history;
  }

  /** JobEvents that hand each change to these observers, in order, as CDI would. */
  @SafeVarargs
  public static JobEvents events(Consumer<JobChanged>... observers) {
    JobEvents events = new JobEvents();
    events.changed = new CollectedEvents<>(observers);
    return events;
  }
}
