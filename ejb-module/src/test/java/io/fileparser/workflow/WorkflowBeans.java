package io.fileparser.workflow;

import io.fileparser.audit.AuditBeans;
import io.fileparser.dispatch.DispatchBeans;
import io.fileparser.jobs.JobBeans;
import io.fileparser.jobs.JobEvents;
import jakarta.persistence.EntityManager;

/** The workflow beans wired by hand over a component test's entity manager. */
public final class WorkflowBeans {

  private WorkflowBeans() {}

  public static WorkflowSettings settings(int maxDependencies, int maxAheadDays) {
    WorkflowSettings settings = new WorkflowSettings();
    settings.maxDependencies = maxDependencies;
    settings.maxAheadDays = maxAheadDays;
    return settings;
  }

  public static JobDependencies dependencies(EntityManager em, JobEvents events) {
    JobDependencies dependencies = new JobDependencies();
    dependencies.em = em;
    dependencies.events = events;
    dependencies.settings = settings(20, 365);
    return dependencies;
  }

  public static Schedules schedules(EntityManager em, JobEvents events) {
    Schedules schedules = new Schedules();
    schedules.em = em;
    schedules.events = events;
    schedules.audit = AuditBeans.log(em);
    schedules.settings = settings(20, 365);
    return schedules;
  }

  /**
   * Job events as the container wires them with workflow in place: the history, dispatch and the
   * dependencies' release, which publishes its own changes through the same events.
   */
  public static JobEvents eventsWithDependencies(EntityManager em, String queue) {
    JobDependencies dependencies = dependencies(em, null);
    JobEvents events =
        JobBeans.events(JobBeans.history(em), DispatchBeans.jobDispatcher(em, queue), dependencies);
    dependencies.events = events;
    return events;
  }
}
