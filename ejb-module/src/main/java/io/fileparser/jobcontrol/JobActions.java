package io.fileparser.jobcontrol;

import io.fileparser.audit.AuditLog;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.JobCommands;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobOwnership;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.TenantJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.storage.ContentRemovals;
import io.fileparser.storage.ObjectStore;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.usage.UsageCounters;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Retry, delete and reprioritize one job, each in the caller's transaction (or its own), on the
 * rules of cancelling: the job must be the caller's tenant's ({@code job_not_found} otherwise), and
 * members and service callers act on the jobs they submitted only ({@code forbidden}), checked
 * before the job's state is looked at.
 */
@Stateless
public class JobActions {

  @PersistenceContext EntityManager em;
  @Inject JobEvents events;
  @Inject JobCommands commands;
  @Inject AuditLog audit;
  @Inject TemplateCatalog templates;
  @Inject ContentRemovals removals;
  @Inject ObjectStore store;
  @Inject UsageCounters usage;

  /**
   * Sends a failed, cancelled or dead-lettered job back to the queue: a new attempt, dispatched
   * like a new job's, its history kept. Automatic retries of the new attempt count on from the
   * attempts already made.
   *
   * @param priority a new urgency 0-9, or null to keep the job's
   * @param templateVersion a published version of the job's template to pin, or null to keep it
   * @throws ProblemException {@code job_not_retryable} (409) for a job in another state, {@code
   *     template_version_not_found} (422) for a version that is not published, {@code
   *     invalid_request} for a version of a job that names no template
   */
  public JobView retry(Caller caller, UUID id, Integer priority, Integer templateVersion) {
    Job job = TenantJobs.lock(em, caller, id);
    JobOwnership.requireMayChange(caller, job.getSubmittedBy());
    if (!job.getState().isRetryable()) {
      throw new ProblemException(
          ProblemType.JOB_NOT_RETRYABLE,
          "the job is "
              + job.getState()
              + "; only a FAILED, CANCELLED or DEAD_LETTERED job can be retried",
          Map.of("state", job.getState().name()));
    }
    Integer pinned = null;
    if (templateVersion != null) {
      if (job.getTemplateId() == null) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST,
            "the job names no template; templateVersion applies to a job uploaded with one");
      }
      pinned = templates.pinnable(caller, job.getTemplateId(), templateVersion);
    }
    job.requeue(caller.subject(), priority, pinned, now());
    events.publish(job);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "job.retried",
        "job",
        id.toString(),
        "attempt="
            + (job.attempt().count())
            + " priority="
            + job.getPriority()
            + (pinned == null ? "" : " templateVersion=" + pinned));
    return JobView.from(job);
  }

  /**
   * Deletes a job: a job that has not finished is cancelled first (a running task is terminated);
   * then its last event ({@code job.deleted}) is raised and its row, steps, history and outbox go.
   * Its records are removed from the store after commit, and so is its file when no other job of
   * the tenant references those bytes (see {@link ContentRemovals} for a concurrent upload of the
   * same bytes). Audited.
   */
  public void delete(Caller caller, UUID id) {
    Job job = TenantJobs.lock(em, caller, id);
    JobOwnership.requireMayChange(caller, job.getSubmittedBy());
    Instant now = now();
    if (!job.getState().isTerminal()) {
      job.cancel(caller.subject(), now);
      events.publish(job);
    }
    StoredFile file = job.getFile();
    int attempts = job.attempt().count();
    job.delete(caller.subject(), now);
    events.publish(job);
    em.remove(job);
    em.flush();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      removals.schedule(
          caller.tenantId(), null, store.resultLocation(caller.tenantId(), id, attempt), now);
    }
    boolean bytesRemoved = releaseFile(file, now);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "job.deleted",
        "job",
        id.toString(),
        "file="
            + job.getFilename()
            + " sha256="
            + file.getSha256()
            + (bytesRemoved ? " bytes=removed" : " bytes=kept (referenced by another job)"));
  }

  /**
   * Gives a queued job another urgency (0-9); it enters the queue again at that priority. Called
   * for jobs the action applies to only ({@link BulkAction#skipReason}).
   */
  public JobView reprioritize(Caller caller, UUID id, int priority) {
    Job job = TenantJobs.lock(em, caller, id);
    JobOwnership.requireMayChange(caller, job.getSubmittedBy());
    job.reprioritize(priority, caller.subject(), now());
    events.publish(job);
    return JobView.from(job);
  }

  /**
   * One item of a bulk operation, in a transaction of its own so each job's outcome stands alone:
   * skipped when the action does not apply to the job's state, otherwise done (in a dry run, only
   * judged). A refusal (not found, forbidden) propagates as the problem the single-job call would
   * answer.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ItemResult apply(
      Caller caller, UUID id, BulkAction action, Integer priority, boolean dryRun) {
    Job job = dryRun ? TenantJobs.find(em, caller, id) : TenantJobs.lock(em, caller, id);
    JobOwnership.requireMayChange(caller, job.getSubmittedBy());
    JobState state = job.getState();
    Optional<String> skip = action.skipReason(state, job.getPriority(), priority);
    if (skip.isPresent()) {
      return ItemResult.skipped(id, state.name(), skip.get());
    }
    if (dryRun) {
      return ItemResult.done(id, state.name());
    }
    return switch (action) {
      case CANCEL -> ItemResult.done(id, commands.cancel(caller, id, false).state());
      case RETRY -> ItemResult.done(id, retry(caller, id, priority, null).state());
      case DELETE -> {
        delete(caller, id);
        yield ItemResult.done(id, null);
      }
      case REPRIORITIZE -> ItemResult.done(id, reprioritize(caller, id, priority).state());
    };
  }

  /**
   * One item of a dead-letter operation (re-queue with {@link BulkAction#RETRY}, purge with {@link
   * BulkAction#DELETE}), in a transaction of its own: a job that is not dead-lettered (any more) is
   * skipped ({@code not_dead_lettered}), checked under the job's lock so a job re-queued meanwhile
   * is never purged. Otherwise exactly what {@link #apply} does.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ItemResult applyToDeadLetter(Caller caller, UUID id, BulkAction action) {
    Job job = TenantJobs.lock(em, caller, id);
    if (job.getState() != JobState.DEAD_LETTERED) {
      return ItemResult.skipped(id, job.getState().name(), "not_dead_lettered");
    }
    return apply(caller, id, action, null, false);
  }

  /**
   * The deleted job's file row goes when no job references it any more, and its bytes are scheduled
   * for removal. The row lock makes a concurrent registration of another job on this row either
   * visible here (the bytes stay) or fail on its foreign key once the row is gone (the upload then
   * registers the bytes anew, see {@link ContentRemovals#admit}).
   *
   * @return whether the bytes are to be removed
   */
  private boolean releaseFile(StoredFile file, Instant now) {
    em.createNativeQuery("select id from stored_files where id = ?1 for update")
        .setParameter(1, file.getId())
        .getResultList();
    Number references =
        (Number)
            em.createNativeQuery("select count(*) from jobs where file_id = ?1")
                .setParameter(1, file.getId())
                .getSingleResult();
    if (references.longValue() > 0) {
      return false;
    }
    String uri = file.getStorageUri();
    em.remove(file);
    em.flush();
    if (!uri.startsWith(REMOVED)) {
      usage.fileRemoved(file.getTenantId(), file.getSizeBytes(), now);
    }
    if (uri.startsWith("staging:")) {
      return true; // never placed: the staging janitor removes what waited for the scanner
    }
    removals.schedule(file.getTenantId(), file.getSha256(), URI.create(uri), now);
    return true;
  }

  /** The address of a file whose bytes a late scan refused and removed already. */
  private static final String REMOVED = "removed:";

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
