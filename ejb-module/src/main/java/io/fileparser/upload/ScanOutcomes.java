package io.fileparser.upload;

import io.fileparser.audit.AuditLog;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.jobs.entity.Step;
import io.fileparser.scan.ScanVerdict;
import io.fileparser.scan.VirusScanner;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
import io.fileparser.usage.UsageCounters;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Applies a late scan verdict (a rescan's, or one that came after its upload was answered) to a
 * file that waited for the scanner, and to its waiting jobs, as the {@link MalwarePolicy} decides:
 * clean files are placed and their jobs queued; infected ones quarantined or removed; files too
 * large for the scanner removed.
 */
@Stateless
public class ScanOutcomes {

  private static final String SCANNER = "system:scanner";

  @PersistenceContext EntityManager em;
  @Inject ObjectStore store;
  @Inject TenantPolicies policies;
  @Inject VirusScanner scanner;
  @Inject AuditLog audit;
  @Inject JobEvents events;
  @Inject UsageCounters usage;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<StoredFile> pending(int limit) {
    return em.createNamedQuery(StoredFile.PENDING_SCAN, StoredFile.class)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Settles a scan that went on after its upload was answered ({@link LateVerdict}): applies its
   * verdict (null when it gave none) to the tenant's file of that content if the file still waits
   * for one (a rescan may have been first), and removes the upload's own staged copy, {@code
   * staged}, unless that file waits on it: a copy of bytes the tenant had stored already, which
   * nothing else would ever read.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void settleLate(String tenantId, String sha256, ScanVerdict verdict, StagedObject staged) {
    StoredFile file =
        em.createNamedQuery(StoredFile.BY_HASH, StoredFile.class)
            .setParameter("tenantId", tenantId)
            .setParameter("sha256", sha256)
            .getResultStream()
            .findFirst()
            .orElse(null);
    boolean waiting = file != null && file.getScanStatus() == ScanStatus.PENDING;
    boolean waitsOnCopy = waiting && staged.key().equals(file.getStagingKey());
    if (waiting && verdict != null) {
      apply(file.getId(), verdict, staging(file), "clean");
    }
    if (!waitsOnCopy) {
      store.discard(staged);
    }
  }

  /** Where the bytes of a file that waits for the scanner are staged. */
  static StagedObject staging(StoredFile file) {
    return new StagedObject(file.getStagingKey(), file.getSizeBytes());
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void apply(UUID fileId, ScanVerdict verdict, StagedObject staged) {
    apply(fileId, verdict, staged, "clean (rescanned)");
  }

  private void apply(UUID fileId, ScanVerdict verdict, StagedObject staged, String cleanDetail) {
    StoredFile file = em.find(StoredFile.class, fileId, LockModeType.PESSIMISTIC_WRITE);
    if (file == null || file.getScanStatus() != ScanStatus.PENDING) {
      return;
    }
    MalwarePolicy.Decision decision =
        new MalwarePolicy(policies.of(file.getTenantId()).scanPolicy(), scanner.isFailOpen())
            .onVerdict(verdict);
    if (decision.action() == MalwarePolicy.Action.WAIT_FOR_RESCAN) {
      return;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Job> jobs = waitingJobs(fileId);
    try {
      switch (decision.action()) {
        case ACCEPT -> {
          URI uri = store.promote(staged, file.getTenantId(), file.getSha256());
          file.placeAfterScan(decision.status(), null, uri.toString(), now);
          String detail = decision.status() == ScanStatus.CLEAN ? cleanDetail : "not scanned";
          for (Job job : jobs) {
            job.completeStep(Step.SCANNED, now, now, detail);
            job.releaseAfterScan(now);
          }
        }
        case QUARANTINE -> {
          URI uri = store.quarantine(staged, file.getTenantId(), file.getSha256());
          file.placeAfterScan(ScanStatus.INFECTED, decision.reason(), uri.toString(), now);
          jobs.forEach(job -> job.quarantine(decision.reason(), now, now));
          auditFile(file, "malware.quarantined", decision.reason());
        }
        case REJECT -> {
          store.discard(staged);
          file.placeAfterScan(
              ScanStatus.INFECTED, decision.reason(), "removed:" + file.getSha256(), now);
          Failure why =
              Failure.malware(
                  decision.reason(),
                  "the file contains malware and was removed; upload a clean copy");
          jobs.forEach(job -> job.failScan(why, now));
          auditFile(file, "malware.rejected", decision.reason());
        }
        case REFUSE_UNSCANNABLE -> {
          store.discard(staged);
          file.placeAfterScan(
              ScanStatus.SKIPPED, decision.reason(), "removed:" + file.getSha256(), now);
          Failure why =
              new Failure(
                  "scan_limit_exceeded",
                  decision.reason(),
                  "the file is larger than the virus scanner accepts; split it and upload the"
                      + " parts");
          jobs.forEach(job -> job.failScan(why, now));
        }
        case WAIT_FOR_RESCAN -> throw new IllegalStateException("handled above");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("placing the scanned file failed", e);
    }
    jobs.forEach(events::publish);
    if (decision.action() == MalwarePolicy.Action.REJECT
        || decision.action() == MalwarePolicy.Action.REFUSE_UNSCANNABLE) {
      usage.fileRemoved(file.getTenantId(), file.getSizeBytes(), now);
    }
  }

  /** The file's jobs that wait for the scanner, their rows locked. */
  private List<Job> waitingJobs(UUID fileId) {
    List<UUID> ids =
        em.createQuery(
                "select j.id from Job j where j.file.id = :file and j.state = :state", UUID.class)
            .setParameter("file", fileId)
            .setParameter("state", JobState.SCANNING)
            .getResultList();
    JobLocks.lockAll(em, ids);
    return ids.stream()
        .map(id -> em.find(Job.class, id))
        .filter(job -> job.getState() == JobState.SCANNING)
        .toList();
  }

  private void auditFile(StoredFile file, String action, String signature) {
    audit.record(file.getTenantId(), SCANNER, action, "file", file.getId().toString(), signature);
  }
}
