package io.fileparser.upload;

import io.fileparser.audit.AuditLog;
import io.fileparser.dispatch.JobDispatcher;
import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.Step;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import io.fileparser.storage.ContentRemovals;
import io.fileparser.storage.ListedObject;
import io.fileparser.telemetry.Telemetry;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.upload.entity.IdempotencyRecord;
import io.fileparser.usage.UsageCounters;
import io.fileparser.workflow.JobDependencies;
import io.fileparser.workflow.Schedules;
import io.fileparser.workflow.WorkflowOptions;
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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Registers a stored file and its job in one transaction: the file row (once per tenant and hash),
 * the job with the steps it has been through (each a change in its history), the jobs it waits for
 * and its start instant, its dispatch in the outbox (written by dispatch on the job's queueing
 * change), and the idempotency record.
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
  @Inject JobEvents events;
  @Inject JobDispatcher dispatcher;
  @Inject AuditLog audit;
  @Inject Telemetry telemetry;
  @Inject TemplateCatalog templates;
  @Inject ContentRemovals removals;
  @Inject UsageCounters usage;
  @Inject JobDependencies dependencies;
  @Inject Schedules schedules;

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
    // A deleted job's bytes may be on their way out: see ContentRemovals.
    removals.lockContent(caller.tenantId(), received.sha256());
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
            options.queuePriority(),
            caller.subject(),
            duplicateOf,
            received.receivedAt(),
            now);
    if (options.templateId() != null) {
      // Resolved again in this transaction: the version pinned is the one current at commit.
      job.pinTemplateVersion(
          templates.pinnable(caller, options.templateId(), options.templateVersion()));
    }
    // Checked again in this transaction, the dependencies under a lock (see JobDependencies).
    dependencies.attach(caller, job, admitted(options, now));
    telemetry.uploadReceived(format(received), received.size());
    job.completeStep(
        Step.STORED,
        received.receivedAt(),
        received.storedAt(),
        (existing.isPresent() ? "deduplicated" : "stored")
            + (received.decompressed() ? ", decompressed from gzip" : ""));
    admit(caller, job, file, received, now);
    // Persisted as admitted, its first task assigned: Hibernate inserts the state a new entity had
    // when it was persisted, so a change after this would cost the row an update.
    dispatcher.assignBeforeInsert(job, now);
    em.persist(job);
    events.publish(job);
    usage.uploadRegistered(caller.tenantId(), received.size(), existing.isEmpty(), now);
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
   * Moves the new job on by its file's scan status: the stored file's own when the bytes were known
   * already (a file waiting for the scanner or in quarantine stays so), else this upload's. A
   * queued job is dispatched by dispatch, which observes the change.
   */
  private void admit(Caller caller, Job job, StoredFile file, ReceivedFile received, Instant now) {
    ScanStatus status =
        switch (file.getScanStatus()) {
          case PENDING, INFECTED -> file.getScanStatus();
          // Bytes placed already, whose new scan has no verdict (yet): the stored file's holds,
          // since nothing would ever rescan a file that is not waiting for the scanner.
          default -> received.scan() == ScanStatus.PENDING ? file.getScanStatus() : received.scan();
        };
    Instant scannedAt = received.scannedAt() == null ? received.storedAt() : received.scannedAt();
    String validated = format(received) + " " + received.detection().mimeType();
    switch (status) {
      case INFECTED -> {
        String signature =
            received.signature() != null ? received.signature() : file.getScanSignature();
        job.quarantine(signature, scannedAt, now);
        audit.record(
            caller.tenantId(),
            caller.subject(),
            "malware.quarantined",
            "job",
            job.getId().toString(),
            "file="
                + received.filename()
                + " sha256="
                + received.sha256()
                + " signature="
                + signature);
      }
      case PENDING -> {
        job.completeStep(Step.VALIDATED, received.storedAt(), now, validated);
        job.holdForScan(now);
      }
      case CLEAN, SKIPPED -> {
        job.completeStep(
            Step.SCANNED,
            received.storedAt(),
            scannedAt,
            status == ScanStatus.CLEAN ? "clean" : "not scanned");
        job.completeStep(Step.VALIDATED, received.storedAt(), now, validated);
        job.queue(now);
      }
    }
  }

  /** The workflow options with a scheduleAt in the past read as now, and held to the horizon. */
  private WorkflowOptions admitted(UploadOptions options, Instant now) {
    var workflow = options.workflow();
    return workflow.scheduleAt() == null
        ? workflow
        : new WorkflowOptions(
            workflow.dependsOn(),
            workflow.onDependencyFailure(),
            schedules.admit(workflow.scheduleAt(), now));
  }

  private static String format(ReceivedFile received) {
    return received.detection().format() == null ? "unknown" : received.detection().format().name();
  }

  /** Audits an infected upload that was refused (its own transaction: the upload fails). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordMalware(
      Caller caller, String action, String filename, String sha256, String signature) {
    tenants.ensure(caller.tenantId());
    audit.record(
        caller.tenantId(),
        caller.subject(),
        action,
        "file",
        sha256,
        "file=" + filename + " signature=" + signature);
  }

  /** A tenant's content with one hash: what a stored-file row is unique by. */
  public record FileKey(String tenantId, String sha256) {}

  /** Of these listed objects, the tenant and hash pairs that a stored-file row holds. */
  public Set<FileKey> registeredAmong(Collection<ListedObject> objects) {
    if (objects.isEmpty()) {
      return Set.of();
    }
    List<String> hashes = objects.stream().map(ListedObject::sha256).distinct().toList();
    return em.createQuery(
            "select f.tenantId, f.sha256 from StoredFile f where f.sha256 in :hashes",
            Object[].class)
        .setParameter("hashes", hashes)
        .getResultStream()
        .map(row -> new FileKey((String) row[0], (String) row[1]))
        .collect(Collectors.toSet());
  }

  /** Whether a stored-file row points at this tenant's content with this hash. */
  public boolean isRegistered(String tenantId, String sha256) {
    return findFile(tenantId, sha256).isPresent();
  }

  private StoredFile newFile(Caller caller, ReceivedFile received, URI uri, Instant now) {
    if (uri != null) {
      removals.admit(caller.tenantId(), received.sha256(), uri);
    }
    StoredFile file =
        new StoredFile(
            UUID.randomUUID(),
            caller.tenantId(),
            received.sha256(),
            received.size(),
            received.detection().mimeType(),
            received.detection().format() == null
                ? FileFormat.UNKNOWN
                : received.detection().format(),
            uri == null ? "staging:" + received.staged().key() : uri.toString(),
            received.filename(),
            now);
    if (received.scan() == ScanStatus.PENDING) {
      file.awaitScan(received.staged().key());
    } else {
      file.recordScan(received.scan(), received.signature(), received.scannedAt());
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
