package io.fileparser.jobs;

import io.fileparser.audit.AuditLog;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
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
 * Changes jobs on a user's request: cancelling them, within the caller's tenant and rights. A
 * cancel is audited in its transaction (one record per job, a bulk cancel's jobs included).
 */
@Stateless
public class JobCommands {

  @PersistenceContext EntityManager em;
  @Inject JobEvents events;
  @Inject AuditLog audit;

  /**
   * Cancels a job that has not finished. Dispatch, observing the change, drops unsent messages and
   * tells the workers to terminate the task after commit; a result that still arrives is ignored.
   * Members and service callers cancel only the jobs they submitted ({@link JobOwnership}); who may
   * is decided before the job's state is looked at, so a refused caller learns nothing of it.
   *
   * @param onlyIfQueued refuse (409) unless the job is still waiting in the queue
   * @throws ProblemException {@code job_not_found} for another tenant's job, {@code forbidden} for
   *     another caller's job the caller may not change, {@code job_not_cancellable} for a job past
   *     the point of cancelling
   */
  public JobView cancel(Caller caller, UUID id, boolean onlyIfQueued) {
    Job job = TenantJobs.lock(em, caller, id);
    JobOwnership.requireMayChange(caller, job.getSubmittedBy());
    if (job.getState() == JobState.CANCELLED) {
      return JobView.from(job);
    }
    if (job.getState().isTerminal() || (onlyIfQueued && job.getState() != JobState.QUEUED)) {
      throw new ProblemException(
          ProblemType.JOB_NOT_CANCELLABLE,
          "the job is "
              + job.getState()
              + (onlyIfQueued
                  ? "; only a queued job can be deleted"
                  : "; only a job that has not finished can be cancelled"),
          Map.of("state", job.getState().name()));
    }
    JobState was = job.getState();
    job.cancel(caller.subject(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    events.publish(job);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "job.cancelled",
        "job",
        id.toString(),
        "state=" + was + " file=" + job.getFilename());
    return JobView.from(job);
  }
}
