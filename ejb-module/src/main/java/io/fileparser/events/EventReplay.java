package io.fileparser.events;

import io.fileparser.jobs.JobHistory;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events read back from the job history, for subscribers resuming or filling a gap. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class EventReplay {

  @Inject JobHistory history;

  /** The tenant's job's history after a seq as events; none when the job is not the tenant's. */
  public List<JobEventMessage> after(String tenantId, UUID jobId, int afterSeq, int limit) {
    return history.after(tenantId, jobId, afterSeq, limit).stream()
        .map(entry -> JobEventMessage.of(tenantId, jobId, entry))
        .toList();
  }

  /**
   * Whether a subscriber that has had the job's events up to {@code seq} has had them all: the
   * event {@code seq} ended the job and nothing followed it.
   */
  public boolean hasHadAll(String tenantId, UUID jobId, int seq) {
    if (seq <= 0) {
      return false;
    }
    List<JobEventMessage> last = after(tenantId, jobId, seq - 1, 2);
    return last.size() == 1 && last.get(0).seq() == seq && last.get(0).isTerminal();
  }

  /**
   * The tenant's events recorded at or after {@code since}, oldest first, at most {@code limit}.
   */
  public List<JobEventMessage> since(String tenantId, Instant since, int limit) {
    return history.since(tenantId, since, limit).stream()
        .map(e -> JobEventMessage.of(tenantId, e.jobId(), e.entry()))
        .toList();
  }

  /**
   * When the tenant's event was recorded: where a tenant-wide subscriber that had it resumes.
   *
   * @throws ProblemException {@code invalid_request} when the tenant has no such event
   */
  public Instant recordedAt(String tenantId, EventId id) {
    return after(tenantId, id.jobId(), id.seq() - 1, 1).stream()
        .filter(e -> e.seq() == id.seq())
        .map(JobEventMessage::at)
        .findFirst()
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.INVALID_REQUEST,
                    "there is no event " + id + " to resume after; subscribe without one"));
  }
}
