package io.fileparser.upload;

import io.fileparser.dispatch.JobDispatcher;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobStep;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import io.fileparser.upload.entity.IdempotencyRecord;
import io.fileparser.upload.entity.StoredFile;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a stored file and its job in one transaction: the file row (once per tenant and hash),
 * the job with the steps it has been through, its dispatch in the outbox, and the idempotency
 * record.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class UploadRegistrar {

  /** A unique constraint fired: a concurrent request registered the same hash or key first. */
  @ApplicationException(rollback = true)
  static class ConcurrentRegistration extends RuntimeException {
    ConcurrentRegistration(Throwable cause) {
      super(cause);
    }
  }

  @PersistenceContext EntityManager em;
  @Inject TenantRegistry tenants;
  @Inject JobDispatcher dispatcher;

  /** The job an earlier request with this key produced, if the request was the same. */
  public Optional<JobView> replay(Caller caller, String idempotencyKey, String fingerprint) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    IdempotencyRecord record =
        em.find(
            IdempotencyRecord.class, new IdempotencyRecord.Key(caller.tenantId(), idempotencyKey));
    if (record == null) {
      return Optional.empty();
    }
    if (!record.getRequestFingerprint().equals(fingerprint)) {
      throw new ProblemException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used at "
              + record.getCreatedAt()
              + " for a different request; use a new key for a new request");
    }
    return Optional.of(JobView.from(em.find(Job.class, record.getJobId())));
  }

  public UploadOutcome register(
      Caller caller,
      ReceivedFile received,
      URI uri,
      UploadOptions options,
      String idempotencyKey,
      String fingerprint) {
    Optional<JobView> replay = replay(caller, idempotencyKey, fingerprint);
    if (replay.isPresent()) {
      return new UploadOutcome(replay.get(), true);
    }
    tenants.ensure(caller.tenantId());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Optional<StoredFile> existing = findFile(caller.tenantId(), received.sha256());
    StoredFile file = existing.orElseGet(() -> newFile(caller, received, uri, now));
    UUID duplicateOf = existing.map(f -> firstJobFor(f.getId())).orElse(null);

    Job job =
        new Job(
            UUID.randomUUID(),
            caller.tenantId(),
            file,
            received.filename(),
            options.priority(),
            options.templateId(),
            options.metadata(),
            caller.subject(),
            duplicateOf,
            now);
    job.queue(
        List.of(
            JobStep.done("received", received.receivedAt(), received.storedAt(), null),
            JobStep.done(
                "stored",
                received.receivedAt(),
                received.storedAt(),
                existing.isPresent() ? "deduplicated" : null),
            JobStep.done(
                "validated",
                received.storedAt(),
                now,
                received.detection().format() + " " + received.detection().mimeType()),
            JobStep.done("queued", now, now, null),
            JobStep.pending("parsed")),
        now);
    em.persist(job);
    dispatcher.dispatch(job, now, options.queuePriority(), now);
    if (idempotencyKey != null) {
      em.persist(
          new IdempotencyRecord(
              new IdempotencyRecord.Key(caller.tenantId(), idempotencyKey),
              fingerprint,
              job.getId(),
              now));
    }
    try {
      em.flush();
    } catch (PersistenceException e) {
      throw new ConcurrentRegistration(e);
    }
    return new UploadOutcome(JobView.from(job), false);
  }

  /** Whether a stored-file row points at this tenant's content with this hash. */
  public boolean isRegistered(String tenantId, String sha256) {
    return findFile(tenantId, sha256).isPresent();
  }

  private StoredFile newFile(Caller caller, ReceivedFile received, URI uri, Instant now) {
    StoredFile file =
        new StoredFile(
            UUID.randomUUID(),
            caller.tenantId(),
            received.sha256(),
            received.size(),
            received.detection().mimeType(),
            received.detection().format().name(),
            uri.toString(),
            received.filename(),
            now);
    em.persist(file);
    return file;
  }

  private Optional<StoredFile> findFile(String tenantId, String sha256) {
    return em.createNamedQuery(StoredFile.BY_HASH, StoredFile.class)
        .setParameter("tenantId", tenantId)
        .setParameter("sha256", sha256)
        .getResultStream()
        .findFirst();
  }

  private UUID firstJobFor(UUID fileId) {
    return em.createNamedQuery(Job.FIRST_FOR_FILE, Job.class)
        .setParameter("fileId", fileId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(Job::getId)
        .orElse(null);
  }
}
