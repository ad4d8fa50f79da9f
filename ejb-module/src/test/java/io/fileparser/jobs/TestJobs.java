package io.fileparser.jobs;

import io.fileparser.dispatch.DispatchBeans;
import io.fileparser.dispatch.entity.OutboxMessage;
import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.entity.DependencyPolicy;
import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobDependency;
import io.fileparser.jobs.entity.JobEvent;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.jobs.entity.ParseOutcome;
import io.fileparser.jobs.entity.Step;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.entity.Tenant;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Test data for component tests: a tenant of its own and its jobs, created and moved through their
 * states the way the upload registrar, the dispatcher and the workers' reports do, each job in one
 * committed transaction. This is the one place that knows how a job is created and queued; when the
 * {@code Job} aggregate or the dispatch changes, only this class follows.
 *
 * <pre>{@code
 * TestJobs jobs = TestJobs.forNewTenant(db);
 * Job job = jobs.job("calls.csv").createdAt(t).in(JobState.RUNNING);
 * }</pre>
 */
public final class TestJobs {

  /** Every kombu queue these jobs are dispatched to starts so (and so do their Redis keys). */
  public static final String QUEUE_PREFIX = "component-test.";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ComponentDatabase db;
  private final String tenantId;

  private TestJobs(ComponentDatabase db, String tenantId) {
    this.db = db;
    this.tenantId = tenantId;
  }

  /** A new tenant of the standard tier. */
  public static TestJobs forNewTenant(ComponentDatabase db) {
    String tenantId = "ct-" + UUID.randomUUID();
    db.inTransaction(em -> em.persist(new Tenant(tenantId, "standard", now())));
    return new TestJobs(db, tenantId);
  }

  public String tenantId() {
    return tenantId;
  }

  /** A member of the tenant, as the services receive it. */
  public Caller caller() {
    return new Caller(tenantId, "member@" + tenantId, Set.of(Role.MEMBER), Caller.Method.JWT);
  }

  /** The tenant's own kombu queue: its task lists are this and {@code <queue>:<priority>}. */
  public String queue() {
    return QUEUE_PREFIX + tenantId;
  }

  /** A job to be, for a file of this name: set what matters, then ask for its state. */
  public Draft job(String filename) {
    return new Draft(filename);
  }

  /**
   * A retryable failure of the job's current attempt: the error is recorded and the next attempt
   * goes to the outbox, available from {@code availableAt} (as the retry policy's backoff does).
   */
  public Job retryLater(UUID jobId, Instant availableAt) {
    return db.fromTransaction(
        em -> {
          Job job = JobLocks.lock(em, jobId).orElseThrow();
          job.retry(new Failure("worker_lost", "the worker went silent", null), availableAt, now());
          events(em).publish(job);
          return job;
        });
  }

  /** The outbox rows of a job, by attempt. */
  public List<OutboxMessage> outboxOf(UUID jobId) {
    return outboxOf(db, jobId);
  }

  /** The outbox rows of a job, by attempt. */
  public static List<OutboxMessage> outboxOf(ComponentDatabase db, UUID jobId) {
    return db.fromTransaction(
        em ->
            em.createQuery(
                    "select m from OutboxMessage m where m.jobId = :job order by m.attempt",
                    OutboxMessage.class)
                .setParameter("job", jobId)
                .getResultList());
  }

  /** The changes of a job reach the history and the dispatcher, as in the server. */
  private JobEvents events(EntityManager em) {
    return DispatchBeans.jobEvents(em, queue());
  }

  /**
   * A job's history as lines {@code FROM>TO step [percent]} ({@code null} as the first from), in
   * sequence order.
   */
  public static List<String> historyOf(ComponentDatabase db, UUID jobId) {
    return db.fromTransaction(
        em ->
            em.createQuery(
                    "select e from JobEvent e where e.key.jobId = :job order by e.key.seq",
                    JobEvent.class)
                .setParameter("job", jobId)
                .getResultStream()
                .map(
                    e ->
                        e.getFrom()
                            + ">"
                            + e.getTo()
                            + " "
                            + e.getStep()
                            + (e.getPercent() == null ? "" : " " + e.getPercent()))
                .toList());
  }

  /** A random SHA-256 in hex: content no other test uploads. */
  /**
   * Sets columns of a job's row directly, for figures no state change produces (test data only: the
   * assignments are the test's own SQL).
   */
  public Job withColumns(Job job, String assignments) {
    db.inTransaction(
        em -> {
          int updated =
              em.createNativeQuery("update jobs set " + assignments + " where id = :id")
                  .setParameter("id", job.getId())
                  .executeUpdate();
          if (updated != 1) {
            throw new IllegalStateException("no job " + job.getId());
          }
        });
    return job;
  }

  public static String randomSha256() {
    byte[] hash = new byte[32];
    RANDOM.nextBytes(hash);
    return HexFormat.of().formatHex(hash);
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** One job before it is created. */
  public final class Draft {

    private final String filename;
    private FileFormat format = FileFormat.CSV;
    private Instant createdAt = now();
    private Integer queuePriority;
    private Instant availableAt;

    private Draft(String filename) {
      this.filename = filename;
    }

    public Draft format(FileFormat format) {
      this.format = format;
      return this;
    }

    /** When the upload arrived; every later step of the job is recorded at the same instant. */
    public Draft createdAt(Instant createdAt) {
      this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
      return this;
    }

    /** An admin's kombu priority (0 first) instead of the policy's. */
    public Draft queuePriority(int queuePriority) {
      this.queuePriority = queuePriority;
      return this;
    }

    /** When the first attempt may leave the outbox (by default at once). */
    public Draft availableAt(Instant availableAt) {
      this.availableAt = availableAt;
      return this;
    }

    /** Uploaded, found clean and queued: its first attempt waits in the outbox. */
    public Job queued() {
      return in(JobState.QUEUED);
    }

    /**
     * Creates the job and takes it to {@code state} by the path a real job takes: held for the
     * scanner, quarantined, or queued and then dispatched, reported, finished or cancelled.
     */
    public Job in(JobState state) {
      return db.fromTransaction(
          em -> {
            Instant at = createdAt;
            StoredFile file = storedFile(at);
            em.persist(file);
            Job job =
                new Job(
                    UUID.randomUUID(),
                    tenantId,
                    file,
                    filename,
                    5,
                    null,
                    null,
                    queuePriority,
                    caller().subject(),
                    null,
                    at,
                    at);
            em.persist(job);
            job.completeStep(Step.STORED, at, at, "stored");
            JobEvents events = events(em);
            switch (state) {
              case SCANNING -> {
                file.awaitScan("staged-" + file.getId());
                job.completeStep(Step.VALIDATED, at, at, format + " " + mimeType());
                job.holdForScan(at);
              }
              case QUARANTINED -> {
                file.recordScan(ScanStatus.INFECTED, "Eicar-Test-Signature", at);
                job.quarantine("Eicar-Test-Signature", at, at);
              }
              case WAITING, SCHEDULED -> {
                if (state == JobState.WAITING) {
                  job.dependOn(
                      List.of(new JobDependency(UUID.randomUUID(), null)), DependencyPolicy.FAIL);
                } else {
                  job.scheduleAt(at.plus(1, ChronoUnit.HOURS));
                }
                job.completeStep(Step.SCANNED, at, at, "clean");
                job.completeStep(Step.VALIDATED, at, at, format + " " + mimeType());
                job.queue(at);
              }
              default -> {
                job.completeStep(Step.SCANNED, at, at, "clean");
                job.completeStep(Step.VALIDATED, at, at, format + " " + mimeType());
                job.queue(at);
                events.publish(job); // the dispatcher writes the first attempt's outbox row
                if (availableAt != null) {
                  em.createQuery(
                          "update OutboxMessage m set m.availableAt = :at where m.jobId = :job")
                      .setParameter("at", availableAt)
                      .setParameter("job", job.getId())
                      .executeUpdate();
                }
                advance(em, job, state, at);
              }
            }
            events.publish(job);
            return job;
          });
    }

    /** From QUEUED to {@code state}, as the relay, the workers and the user move it. */
    private void advance(EntityManager em, Job job, JobState state, Instant at) {
      switch (state) {
        case QUEUED -> {}
        case CANCELLED -> job.cancel(caller().subject(), at);
        case RUNNING, NEEDS_MAPPING, COMPLETED, FAILED, DEAD_LETTERED -> {
          relayed(em, job, at);
          job.reportProgress("parsing", 50, "half way", at);
          switch (state) {
            case COMPLETED ->
                job.complete(
                    new ParseOutcome("table", null, null, 0.9, false, 10L, null, "{}"), at);
            case FAILED -> job.fail(new Failure("unparseable", "no table found", "check it"), at);
            case DEAD_LETTERED ->
                job.deadLetter(new Failure("worker_lost", "the worker went silent", null), at);
            case NEEDS_MAPPING ->
                job.awaitMapping(
                    new ParseOutcome("generic_csv", null, null, 0.3, true, 10L, null, "{}"), at);
            default -> {}
          }
        }
        default -> throw new IllegalArgumentException("a job is never queued and then " + state);
      }
    }

    /** What the relay does once it pushed the job's message to Redis. */
    private void relayed(EntityManager em, Job job, Instant at) {
      em.createQuery("select m from OutboxMessage m where m.taskId = :task", OutboxMessage.class)
          .setParameter("task", UUID.fromString(job.attempt().taskId()))
          .getSingleResult()
          .markSent(at);
      job.markDispatched(at);
    }

    private StoredFile storedFile(Instant at) {
      String sha256 = randomSha256();
      StoredFile file =
          new StoredFile(
              UUID.randomUUID(),
              tenantId,
              sha256,
              10_000,
              mimeType(),
              format,
              "file:///component-test/" + tenantId + "/" + sha256,
              filename,
              at);
      file.recordScan(ScanStatus.CLEAN, null, at);
      return file;
    }

    private String mimeType() {
      return switch (format) {
        case PDF -> "application/pdf";
        case CSV -> "text/csv";
        case CDR, UNKNOWN -> "text/plain";
      };
    }
  }
}
