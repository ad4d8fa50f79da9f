package io.fileparser.jobs;

import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobEvent;
import io.fileparser.problem.InputLimits;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job's history: every {@link JobChanged} is written here, in the transaction that made it (the
 * only writer), and read back in sequence order a page at a time.
 */
@Stateless
@Local(JobChangeListener.class)
@LocalBean
public class JobHistory implements JobChangeListener {

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
  @Override
  public void onChanges(List<JobChanged> changes) {
    for (JobChanged change : changes) {
      onChanged(change);
    }
  }

  void onChanged(JobChanged change) {
    em.persist(new JobEvent(change));
  }

  /** The entries after {@code afterSeq}, oldest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Page page(Caller caller, UUID jobId, int afterSeq, int limit) {
    TenantJobs.find(em, caller, jobId);
    List<EntryView> rows = after(caller.tenantId(), jobId, afterSeq, limit + 1);
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    List<EntryView> items = rows.subList(0, limit);
    return new Page(List.copyOf(items), items.get(limit - 1).seq());
  }

  /**
   * The tenant's job's entries after {@code afterSeq}, oldest first, at most {@code limit}; none
   * when the job is not the tenant's. For replays to a subscriber already allowed to see the job.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<EntryView> after(String tenantId, UUID jobId, int afterSeq, int limit) {
    return em.createQuery(
            "select e from JobEvent e, Job j where j.id = e.key.jobId and j.tenantId = :tenant"
                + " and e.key.jobId = :job and e.key.seq > :after order by e.key.seq",
            JobEvent.class)
        .setParameter("tenant", tenantId)
        .setParameter("job", jobId)
        .setParameter("after", afterSeq)
        .setMaxResults(limit)
        .getResultStream()
        .map(JobHistory::view)
        .toList();
  }

  /** An entry of one of the tenant's jobs. */
  public record TenantEntry(UUID jobId, EntryView entry) {}

  /**
   * The entries of all the tenant's jobs recorded at or after {@code since}, in the order they were
   * recorded, at most {@code limit}. For a tenant-wide subscriber resuming.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<TenantEntry> since(String tenantId, Instant since, int limit) {
    return em.createQuery(
            "select e from JobEvent e, Job j where j.id = e.key.jobId and j.tenantId = :tenant"
                + " and e.at >= :since order by e.at, e.key.jobId, e.key.seq",
            JobEvent.class)
        .setParameter("tenant", tenantId)
        .setParameter("since", since)
        .setMaxResults(limit)
        .getResultStream()
        .map(e -> new TenantEntry(e.getKey().jobId(), view(e)))
        .toList();
  }

  /**
   * Reads a seq a client sent back (the {@code afterSeq} parameter, an event stream's {@code
   * Last-Event-ID}): a whole number, 0 or more.
   *
   * @param name what the client calls it, for the problem's detail
   * @throws ProblemException {@code invalid_request} otherwise
   */
  public static int seq(String text, String name) {
    OptionalInt seq = InputLimits.wholeNumber(text);
    if (seq.isPresent() && seq.getAsInt() >= 0) {
      return seq.getAsInt();
    }
    throw new ProblemException(
        ProblemType.INVALID_REQUEST, name + " must be a whole number, 0 or more");
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
