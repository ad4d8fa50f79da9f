package io.fileparser.jobs;

import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way to reach a job on a caller's behalf: another tenant's job answers exactly like a job
 * that does not exist ({@code job_not_found}), so ids of other tenants cannot even be probed.
 */
public final class TenantJobs {

  private TenantJobs() {}

  /** The caller's job. */
  public static Job find(EntityManager em, Caller caller, UUID id) {
    return owned(Optional.ofNullable(em.find(Job.class, id)), caller, id);
  }

  /** The caller's job, its row locked for this transaction (see {@link JobLocks}). */
  public static Job lock(EntityManager em, Caller caller, UUID id) {
    return owned(JobLocks.lock(em, id), caller, id);
  }

  private static Job owned(Optional<Job> job, Caller caller, UUID id) {
    return job.filter(j -> j.getTenantId().equals(caller.tenantId()))
        .orElseThrow(() -> new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id));
  }
}
