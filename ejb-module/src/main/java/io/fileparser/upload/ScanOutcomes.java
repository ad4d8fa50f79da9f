package io.fileparser.upload;

import io.fileparser.audit.AuditLog;
import io.fileparser.dispatch.JobDispatcher;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
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
import java.util.Set;
import java.util.UUID;

/**
 * Applies a late scan verdict to a file that waited for the scanner, and to its jobs: clean files
 * are placed and their jobs queued; infected ones are quarantined or removed per tenant policy.
 */
@Stateless
public class ScanOutcomes {

  @PersistenceContext EntityManager em;
  @Inject ObjectStore store;
  @Inject JobDispatcher dispatcher;
  @Inject TenantPolicies policies;
  @Inject AuditLog audit;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<StoredFile> pending(int limit) {
    return em.createNamedQuery(StoredFile.PENDING_SCAN, StoredFile.class)
        .setMaxResults(limit)
        .getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void apply(UUID fileId, boolean infected, String signature, StagedObject staged) {
    StoredFile file = em.find(StoredFile.class, fileId, LockModeType.PESSIMISTIC_WRITE);
    if (file == null || !"PENDING".equals(file.getScanStatus())) {
      return;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Job> jobs =
        em.createQuery(
                "select j from Job j where j.file.id = :file and j.state = :state", Job.class)
            .setParameter("file", fileId)
            .setParameter("state", JobState.SCANNING)
            .getResultList();
    Caller system =
        new Caller(
            file.getTenantId(), "system:scanner", Set.of(Role.SERVICE), Caller.Method.API_KEY);
    try {
      if (!infected) {
        URI uri = store.promote(staged, file.getTenantId(), file.getSha256());
        file.placeAfterScan("CLEAN", null, uri.toString(), now);
        for (Job job : jobs) {
          job.releaseAfterScan(now);
          dispatcher.dispatch(job, now, null, now);
        }
        return;
      }
      if (policies.of(file.getTenantId()).quarantineMalware()) {
        URI uri = store.quarantine(staged, file.getTenantId(), file.getSha256());
        file.placeAfterScan("INFECTED", signature, uri.toString(), now);
        for (Job job : jobs) {
          job.recordError("malware_detected", signature, "the file is kept in quarantine", now);
          job.moveTo(JobState.QUARANTINED, now);
        }
        audit.record(system, "malware.quarantined", "file", fileId.toString(), signature);
      } else {
        store.discard(staged);
        file.placeAfterScan("INFECTED", signature, "removed:" + file.getSha256(), now);
        for (Job job : jobs) {
          job.recordError(
              "malware_detected",
              signature,
              "the file contains malware and was removed; upload a clean copy",
              now);
          job.fail(now);
        }
        audit.record(system, "malware.rejected", "file", fileId.toString(), signature);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("placing the scanned file failed", e);
    }
  }
}
