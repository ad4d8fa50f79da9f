package io.fileparser.progress;

import io.fileparser.jobs.entity.Job;
import io.fileparser.progress.entity.ProgressEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends to a job's progress history and announces it ({@link ProgressReported}), in the
 * transaction that changed the job; the caller holds the job's row lock, so sequence numbers of one
 * job never collide.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ProgressRecorder {

  @PersistenceContext EntityManager em;
  @Inject Event<ProgressReported> reported;

  public void record(
      Job job, String step, Integer percent, String message, String taskId, Instant at) {
    Integer last =
        em.createQuery(
                "select max(p.key.seq) from ProgressEntry p where p.key.jobId = :job",
                Integer.class)
            .setParameter("job", job.getId())
            .getSingleResult();
    int seq = last == null ? 1 : last + 1;
    em.persist(
        new ProgressEntry(
            new ProgressEntry.Key(job.getId(), seq),
            at,
            job.getState().name(),
            step,
            percent,
            message,
            taskId == null ? null : UUID.fromString(taskId)));
    reported.fire(
        new ProgressReported(
            job.getId(),
            job.getTenantId(),
            seq,
            job.getState().name(),
            step,
            percent,
            message,
            at));
  }
}
