package io.fileparser.workflow;

import io.fileparser.audit.AuditLog;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobOwnership;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.TenantJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Moves the instant a held job starts, on the rules of cancelling: the caller's tenant's job
 * ({@code job_not_found} otherwise), and members and service callers only the jobs they submitted
 * ({@code forbidden}). Audited.
 */
@Stateless
public class Schedules {

  @PersistenceContext EntityManager em;
  @Inject JobEvents events;
  @Inject AuditLog audit;
  @Inject WorkflowSettings settings;

  /** Checks an upload's {@code scheduleAt} against the horizon (a past instant means now). */
  public Instant admit(Instant requested) {
    return admit(requested, now());
  }

  /**
   * Like {@link #admit(Instant)}, with the instant the caller takes for now: a past {@code
   * scheduleAt} becomes exactly that instant, so a job admitted at it enters the queue at once.
   */
  public Instant admit(Instant requested, Instant now) {
    return ScheduleWindow.admit(requested, now, settings.horizon());
  }

  /**
   * Gives a waiting or scheduled job another start instant; a scheduled job whose new instant has
   * come (or passed) enters the queue at once.
   *
   * @throws ProblemException {@code job_not_held} (409) for a job in another state, {@code
   *     schedule_too_far} (422) beyond the horizon
   */
  public JobView reschedule(Caller caller, UUID id, Instant requested) {
    Job job = TenantJobs.lock(em, caller, id);
    JobOwnership.requireMayChange(caller, job.getSubmittedBy());
    if (!job.getState().isHeld()) {
      throw new ProblemException(
          ProblemType.JOB_NOT_HELD,
          "the job is " + job.getState() + "; only a WAITING or SCHEDULED job can be rescheduled",
          Map.of("state", job.getState().name()));
    }
    Instant now = now();
    Instant at = ScheduleWindow.admit(requested, now, settings.horizon());
    Instant old = job.getScheduleAt();
    job.reschedule(at, caller.subject(), now);
    events.publish(job);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "job.rescheduled",
        "job",
        id.toString(),
        "from=" + old + " to=" + at);
    return JobView.from(job);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
