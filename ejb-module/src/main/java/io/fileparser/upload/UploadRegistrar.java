package io.fileparser.upload;

import io.fileparser.audit.AuditLog;
import io.fileparser.dispatch.JobDispatcher;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobStep;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import io.fileparser.upload.entity.IdempotencyRecord;
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
import java.util.ArrayList;
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
  @Inject AuditLog audit;

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
    String format =
        received.detection().format() == null ? "unknown" : received.detection().format().name();
    List<JobStep> steps = new ArrayList<>();
    steps.add(JobStep.done("received", received.receivedAt(), received.storedAt(), null));
    steps.add(
        JobStep.done(
            "stored",
            received.receivedAt(),
            received.storedAt(),
            (existing.isPresent() ? "deduplicated" : "stored")
                + (received.decompressed() ? ", decompressed from gzip" : "")));
    String scanState = scanStatusOf(file, received);
    switch (scanState) {
      case "INFECTED" -> {
        steps.add(
            new JobStep(
                "scanned",
                JobStep.Status.FAILED,
                received.storedAt(),
                received.scannedAt(),
                "infected: " + received.signature()));
        job.quarantine(steps, received.signature(), now);
        em.persist(job);
        audit.record(
            caller,
            "malware.quarantined",
            "job",
            job.getId().toString(),
            "file="
                + received.filename()
                + " sha256="
                + received.sha256()
                + " signature="
                + received.signature());
      }
      case "PENDING" -> {
        steps.add(
            new JobStep(
                "scanned", JobStep.Status.PENDING, null, null, "waiting for the virus scanner"));
        steps.add(
            JobStep.done("validated", received.storedAt(), now, format + " " + mime(received)));
        steps.add(JobStep.pending("queued"));
        steps.add(JobStep.pending("parsed"));
        job.holdForScan(steps, now);
        em.persist(job);
      }
      default -> {
        steps.add(
            JobStep.done(
                "scanned",
                received.storedAt(),
                received.scannedAt() == null ? received.storedAt() : received.scannedAt(),
                scanState.equals("CLEAN") ? "clean" : "not scanned"));
        steps.add(
            JobStep.done("validated", received.storedAt(), now, format + " " + mime(received)));
        steps.add(JobStep.done("queued", now, now, null));
        steps.add(JobStep.pending("parsed"));
        job.queue(steps, now);
        em.persist(job);
        dispatcher.dispatch(job, now, options.queuePriority(), now);
      }
    }
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

  /**
   * The scan state that governs the new job: the stored file's own when the bytes were known
   * already (a pending or quarantined file stays so), else this upload's scan.
   */
  private static String scanStatusOf(StoredFile file, ReceivedFile received) {
    return switch (file.getScanStatus()) {
      case "PENDING", "INFECTED" -> file.getScanStatus();
      default ->
          received.scan() == ReceivedFile.Scan.INFECTED
              ? "INFECTED"
              : received.scan() == ReceivedFile.Scan.PENDING ? "PENDING" : file.getScanStatus();
    };
  }

  private static String mime(ReceivedFile received) {
    return received.detection().mimeType();
  }

  /** Audits an infected upload that was refused (its own transaction: the upload fails). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordMalware(
      Caller caller, String action, String filename, String sha256, String signature) {
    tenants.ensure(caller.tenantId());
    audit.record(caller, action, "file", sha256, "file=" + filename + " signature=" + signature);
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
            received.detection().format() == null
                ? "UNKNOWN"
                : received.detection().format().name(),
            uri == null ? "staging:" + received.staged().key() : uri.toString(),
            received.filename(),
            now);
    switch (received.scan()) {
      case PENDING -> file.awaitScan(received.staged().key());
      case INFECTED -> file.recordScan("INFECTED", received.signature(), received.scannedAt());
      case CLEAN -> file.recordScan("CLEAN", null, received.scannedAt());
      case SKIPPED -> file.recordScan("SKIPPED", null, null);
    }
    file.recordValidation(received.validationFacts());
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
