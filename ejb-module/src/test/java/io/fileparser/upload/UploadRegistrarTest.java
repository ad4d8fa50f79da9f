package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.dispatch.entity.OutboxMessage;
import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.detection.Detection;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Registration of an upload against PostgreSQL: the stored file once per tenant and hash, the job
 * admitted by its scan status, its history from the first change, its first attempt in the outbox
 * (written by the dispatcher observing the queueing change), idempotency and audit.
 */
@ComponentTest
class UploadRegistrarTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private final ComponentDatabase db;
  private final Caller caller;

  UploadRegistrarTest(ComponentDatabase db) {
    this.db = db;
    String tenant = "ct-" + UUID.randomUUID();
    this.caller = new Caller(tenant, "user:alice", Set.of(Role.MEMBER), Caller.Method.JWT);
  }

  @Test
  void cleanUploadIsQueuedWithItsFirstAttemptInTheOutboxAndEveryStepInItsHistory() {
    ReceivedFile file = received(ScanStatus.CLEAN, null);

    JobView job = register(file, null, null).job();

    assertEquals("QUEUED", job.state());
    assertEquals(1, job.attempts());
    List<OutboxMessage> outbox = outboxOf(job.id());
    assertEquals(1, outbox.size());
    assertEquals(1, outbox.get(0).getAttempt());
    assertEquals(
        List.of(
            "null>RECEIVED received",
            "RECEIVED>RECEIVED stored",
            "RECEIVED>RECEIVED scanned",
            "RECEIVED>RECEIVED validated",
            "RECEIVED>QUEUED queued"),
        history(job.id()));
    assertEquals(
        List.of("received", "stored", "scanned", "validated", "queued", "parsed"),
        job.steps().stream().map(JobView.StepView::name).toList());
  }

  @Test
  void aQueuedUploadsJobRowIsInsertedWithItsFirstTaskAndNotUpdatedAfter() {
    ReceivedFile file = received(ScanStatus.CLEAN, null);
    record Registered(UUID jobId, long inserted, long updated) {}

    // The transaction's own counts of the table, read before and after: a backend reports them
    // once idle, so they may hold earlier transactions' counts too.
    Registered registered =
        db.fromTransaction(
            em -> {
              long[] before = jobWrites(em);
              UUID jobId =
                  registrar(em)
                      .register(
                          caller,
                          file,
                          URI.create("file:///component-test/" + file.sha256()),
                          new UploadOptions(5, null, null),
                          null,
                          "fp-" + UUID.randomUUID())
                      .job()
                      .id();
              long[] after = jobWrites(em);
              return new Registered(jobId, after[0] - before[0], after[1] - before[1]);
            });

    assertEquals(1, registered.inserted(), "the job's row inserted");
    assertEquals(0, registered.updated(), "and not updated in the same transaction");
    Job job = db.fromTransaction(em -> em.find(Job.class, registered.jobId()));
    OutboxMessage message = outboxOf(registered.jobId()).get(0);
    assertEquals(message.getTaskId().toString(), job.attempt().taskId());
    assertEquals(1, job.attempt().count());
    assertEquals(message.getPriority(), job.attempt().kombuPriority());
    assertEquals(1, message.getAttempt());
  }

  @Test
  void theSameBytesAreStoredOnceAndTheSecondJobPointsAtTheFirst() {
    String sha256 = sha256();
    JobView first = register(received(sha256, "a.csv", ScanStatus.CLEAN, null), null, null).job();

    JobView second = register(received(sha256, "b.csv", ScanStatus.CLEAN, null), null, null).job();

    assertEquals(first.file().id(), second.file().id());
    assertEquals(first.id(), second.duplicateOf().jobId());
    assertEquals(1L, storedFiles(sha256));
    assertTrue(second.steps().get(1).detail().startsWith("deduplicated"));
  }

  @Test
  void theSameIdempotencyKeyAndRequestAnswersTheSameJob() {
    ReceivedFile file = received(ScanStatus.CLEAN, null);

    UploadOutcome first = register(file, "key-1", "fingerprint-1");
    UploadOutcome again = register(file, "key-1", "fingerprint-1");

    assertFalse(first.replayed());
    assertTrue(again.replayed());
    assertEquals(first.job().id(), again.job().id());
    assertEquals(1, outboxOf(first.job().id()).size(), "dispatched once");
  }

  @Test
  void theSameIdempotencyKeyForAnotherRequestIsRefused() {
    register(received(ScanStatus.CLEAN, null), "key-2", "fingerprint-a");

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> register(received(ScanStatus.CLEAN, null), "key-2", "fingerprint-b"));

    assertEquals(ProblemType.IDEMPOTENCY_KEY_REUSED, refused.type());
  }

  @Test
  void aFileWaitingForTheScannerHoldsItsJobWithoutDispatch() {
    ReceivedFile file = received(ScanStatus.PENDING, null);

    JobView job = register(file, null, null).job();

    assertEquals("SCANNING", job.state());
    assertTrue(outboxOf(job.id()).isEmpty(), "nothing is sent before the scan");
    StoredFile stored = storedFile(file.sha256());
    assertEquals(ScanStatus.PENDING, stored.getScanStatus());
    assertEquals(file.staged().key(), stored.getStagingKey());
    assertEquals("RECEIVED>SCANNING scanned", last(history(job.id())));
  }

  @Test
  void aSecondUploadOfBytesStillWaitingForTheScannerWaitsToo() {
    String sha256 = sha256();
    register(received(sha256, "a.csv", ScanStatus.PENDING, null), null, null);

    JobView second = register(received(sha256, "b.csv", ScanStatus.CLEAN, null), null, null).job();

    assertEquals("SCANNING", second.state());
    assertTrue(outboxOf(second.id()).isEmpty());
  }

  @Test
  void bytesScannedCleanBeforeAreQueuedWhenTheirNewScanHasNoVerdictYet() {
    String sha256 = sha256();
    register(received(sha256, "a.csv", ScanStatus.CLEAN, null), null, null);

    // The scanner is away, or its verdict comes after the answer: nothing would rescan a file
    // that is placed already, so the stored file's verdict on the same bytes is the job's.
    JobView second =
        register(received(sha256, "b.csv", ScanStatus.PENDING, null), null, null).job();

    assertEquals("QUEUED", second.state());
    assertEquals(1, outboxOf(second.id()).size());
    assertEquals(ScanStatus.CLEAN, storedFile(sha256).getScanStatus());
  }

  @Test
  void anInfectedFileKeptByItsTenantIsQuarantinedAuditedAndNeverDispatched() {
    ReceivedFile file = received(ScanStatus.INFECTED, "Eicar-Test-Signature");

    JobView job = register(file, null, null).job();

    assertEquals("QUARANTINED", job.state());
    assertEquals("malware_detected", job.error().category());
    assertEquals("Eicar-Test-Signature", job.error().message());
    assertTrue(outboxOf(job.id()).isEmpty());
    assertEquals("RECEIVED>QUARANTINED scanned", last(history(job.id())));
    assertEquals(1L, audited("malware.quarantined"));
    assertNull(storedFile(file.sha256()).getValidationFacts(), "nobody validated it");
  }

  @Test
  void anAdminsQueuePriorityHoldsForTheDispatch() {
    JobView job =
        db.fromTransaction(
            em ->
                registrar(em)
                    .register(
                        caller,
                        received(ScanStatus.CLEAN, null),
                        URI.create("file:///component-test/x"),
                        new UploadOptions(5, null, null, 0),
                        null,
                        "fp")
                    .job());

    assertEquals(0, outboxOf(job.id()).get(0).getPriority());
  }

  private UploadOutcome register(ReceivedFile file, String key, String fingerprint) {
    return db.fromTransaction(
        em ->
            registrar(em)
                .register(
                    caller,
                    file,
                    file.scan() == ScanStatus.PENDING
                        ? null
                        : URI.create("file:///component-test/" + file.sha256()),
                    new UploadOptions(5, null, "{\"batch\":\"7\"}"),
                    key,
                    fingerprint == null ? "fp-" + UUID.randomUUID() : fingerprint));
  }

  private UploadRegistrar registrar(EntityManager em) {
    return UploadBeans.registrar(em, caller.tenantId());
  }

  private ReceivedFile received(ScanStatus scan, String signature) {
    return received(sha256(), "calls.csv", scan, signature);
  }

  private static ReceivedFile received(
      String sha256, String filename, ScanStatus scan, String signature) {
    return new ReceivedFile(
        new StagedObject(UUID.randomUUID() + ".part", 120),
        filename,
        sha256,
        120,
        new Detection("text/csv", FileFormat.CSV, null),
        T0,
        T0.plusMillis(5),
        false,
        scan == ScanStatus.INFECTED ? null : "{\"rows\":3}",
        scan,
        signature,
        scan == ScanStatus.PENDING ? null : T0.plusMillis(8),
        null);
  }

  /** Rows of {@code jobs} inserted and updated by this backend, not reported yet. */
  private static long[] jobWrites(EntityManager em) {
    Object[] counts =
        (Object[])
            em.createNativeQuery(
                    "select n_tup_ins, n_tup_upd from pg_stat_xact_user_tables"
                        + " where relname = 'jobs'")
                .getSingleResult();
    return new long[] {((Number) counts[0]).longValue(), ((Number) counts[1]).longValue()};
  }

  private List<String> history(UUID jobId) {
    return TestJobs.historyOf(db, jobId);
  }

  private List<OutboxMessage> outboxOf(UUID jobId) {
    return TestJobs.outboxOf(db, jobId);
  }

  private StoredFile storedFile(String sha256) {
    return db.fromTransaction(
        em ->
            em.createNamedQuery(StoredFile.BY_HASH, StoredFile.class)
                .setParameter("tenantId", caller.tenantId())
                .setParameter("sha256", sha256)
                .getSingleResult());
  }

  private long storedFiles(String sha256) {
    return db.fromTransaction(
        em ->
            em.createQuery(
                    "select count(f) from StoredFile f where f.tenantId = :t and f.sha256 = :s",
                    Long.class)
                .setParameter("t", caller.tenantId())
                .setParameter("s", sha256)
                .getSingleResult());
  }

  private long audited(String action) {
    return db.fromTransaction(
        em ->
            ((Number)
                    em.createNativeQuery(
                            "select count(*) from audit_log where tenant_id = ?1 and action = ?2")
                        .setParameter(1, caller.tenantId())
                        .setParameter(2, action)
                        .getSingleResult())
                .longValue());
  }

  private static String last(List<String> lines) {
    return lines.get(lines.size() - 1);
  }

  private static String sha256() {
    return TestJobs.randomSha256();
  }
}
