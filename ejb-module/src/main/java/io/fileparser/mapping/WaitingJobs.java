package io.fileparser.mapping;

import io.fileparser.jobs.TenantJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.mapping.entity.JobMapping;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's jobs as mapping sees them: another tenant's job is {@code job_not_found} (through
 * {@link TenantJobs}); a job of the tenant that does not wait for a mapping (and never had one) is
 * {@code job_not_awaiting_mapping}.
 */
final class WaitingJobs {

  private WaitingJobs() {}

  /** The job, locked, which must be waiting for a mapping. */
  static Job lockWaiting(EntityManager em, Caller caller, UUID jobId) {
    Job job = TenantJobs.lock(em, caller, jobId);
    if (job.getState() != JobState.NEEDS_MAPPING) {
      throw notWaiting(job);
    }
    return job;
  }

  /** The job, which must wait for a mapping or have had one. */
  static Job readable(EntityManager em, Caller caller, UUID jobId) {
    Job job = TenantJobs.find(em, caller, jobId);
    if (job.getState() != JobState.NEEDS_MAPPING && em.find(JobMapping.class, jobId) == null) {
      throw notWaiting(job);
    }
    return job;
  }

  static ProblemException notWaiting(Job job) {
    return new ProblemException(
        ProblemType.JOB_NOT_AWAITING_MAPPING,
        "the job is "
            + job.getState()
            + "; only a job in NEEDS_MAPPING (GET /mapping?state=pending lists them) is mapped",
        Map.of("state", job.getState().name()));
  }
}
