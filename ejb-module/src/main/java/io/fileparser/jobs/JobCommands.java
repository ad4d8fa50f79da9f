package io.fileparser.jobs;

import io.fileparser.dispatch.OutboxBatch;
import io.fileparser.dispatch.TaskRevoked;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.progress.ProgressReported;
import io.fileparser.progress.entity.ProgressEntry;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Changes jobs on a user's request: cancelling them, within the caller's tenant. */
@Stateless
public class JobCommands {

  @PersistenceContext EntityManager em;
  @Inject OutboxBatch outbox;
  @Inject Event<TaskRevoked> revoked;
  @Inject Event<ProgressReported> reported;

  /**
   * Cancels a job that has not finished: unsent dispatches are dropped and the workers are told to
   * terminate the task (after commit). A result that still arrives is ignored.
   *
   * @param onlyIfQueued refuse (409) unless the job is still waiting in the queue
   */
  public JobView cancel(Caller caller, UUID id, boolean onlyIfQueued) {
    Job job = em.find(Job.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (job == null || !job.getTenantId().equals(caller.tenantId())) {
      throw new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id);
    }
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
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    job.cancel(now);
    outbox.discardUnsent(job.getId());
    if (job.getCeleryTaskId() != null) {
      revoked.fire(new TaskRevoked(UUID.fromString(job.getCeleryTaskId()), true));
    }
    Integer last =
        em.createQuery(
                "select max(p.key.seq) from ProgressEntry p where p.key.jobId = :job",
                Integer.class)
            .setParameter("job", job.getId())
            .getSingleResult();
    int seq = last == null ? 1 : last + 1;
    String message = "cancelled by " + caller.subject();
    em.persist(
        new ProgressEntry(
            new ProgressEntry.Key(job.getId(), seq),
            now,
            job.getState().name(),
            "cancelled",
            null,
            message,
            job.getCeleryTaskId() == null ? null : UUID.fromString(job.getCeleryTaskId())));
    reported.fire(
        new ProgressReported(
            job.getId(),
            job.getTenantId(),
            seq,
            job.getState().name(),
            "cancelled",
            null,
            message,
            now));
    return JobView.from(job);
  }
}
