package io.fileparser.progress;

import io.fileparser.jobs.TenantJobs;
import io.fileparser.progress.entity.ProgressEntry;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads a job's progress history in the order it happened. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ProgressHistory {

  /** One entry as the API shows it. */
  public record EntryView(
      int seq, Instant at, String state, String step, Integer percent, String message) {}

  @PersistenceContext EntityManager em;

  public List<EntryView> of(Caller caller, UUID jobId) {
    TenantJobs.find(em, caller, jobId);
    return em.createQuery(
            "select p from ProgressEntry p where p.key.jobId = :job order by p.key.seq",
            ProgressEntry.class)
        .setParameter("job", jobId)
        .getResultStream()
        .map(
            p ->
                new EntryView(
                    p.getKey().seq(),
                    p.getAt(),
                    p.getState(),
                    p.getStep(),
                    p.getPercent(),
                    p.getMessage()))
        .toList();
  }
}
