package io.fileparser.jobs;

import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobEvent;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job's history: every {@link JobChanged} is written here, in the transaction that made it (the
 * only writer), and read back in sequence order a page at a time.
 */
@Stateless
public class JobHistory {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** One entry as the API shows it; {@code from} is null for a job's first entry. */
  @Schema(name = "HistoryEntry")
  public record EntryView(
      int seq,
      Instant at,
      String from,
      String state,
      String step,
      Integer percent,
      String message) {}

  /** A page of entries; {@code next} is the {@code afterSeq} of the following page, or null. */
  @Schema(name = "HistoryPage")
  public record Page(List<EntryView> items, Integer next) {}

  @PersistenceContext EntityManager em;

  /** Writes the change; the job's row lock (or its creation) keeps a job's seq unique. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void onChanged(@Observes JobChanged change) {
    em.persist(new JobEvent(change));
  }

  /** The entries after {@code afterSeq}, oldest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Page page(Caller caller, UUID jobId, int afterSeq, int limit) {
    TenantJobs.find(em, caller, jobId);
    List<EntryView> rows =
        em.createQuery(
                "select e from JobEvent e where e.key.jobId = :job and e.key.seq > :after"
                    + " order by e.key.seq",
                JobEvent.class)
            .setParameter("job", jobId)
            .setParameter("after", afterSeq)
            .setMaxResults(limit + 1)
            .getResultStream()
            .map(JobHistory::view)
            .toList();
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    List<EntryView> items = rows.subList(0, limit);
    return new Page(List.copyOf(items), items.get(limit - 1).seq());
  }

  /**
   * Reads the {@code afterSeq} parameter: a whole number, 0 or more.
   *
   * @throws ProblemException {@code invalid_request} otherwise
   */
  public static int afterSeq(String text) {
    try {
      int seq = Integer.parseInt(text.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, "afterSeq must be a whole number, 0 or more");
  }

  private static EntryView view(JobEvent e) {
    return new EntryView(
        e.getKey().seq(),
        e.getAt(),
        e.getFrom() == null ? null : e.getFrom().name(),
        e.getTo().name(),
        e.getStep(),
        e.getPercent(),
        e.getMessage());
  }
}
