package io.fileparser.jobs.entity;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.StoredFile;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * One request to parse one stored file: the aggregate of the job state machine. Every change goes
 * through one of its methods, which checks the move against {@link JobState}, updates the step
 * breakdown and records exactly one {@link JobChanged} with the job's next sequence number. The
 * service that made the change fires the recorded changes ({@link #drainChanges()}) in its
 * transaction; nothing else writes a job's history.
 */
@Entity
@Table(name = "jobs")
@NamedQuery(
    name = Job.FIRST_FOR_FILE,
    query = "select j from Job j where j.file.id = :fileId order by j.createdAt, j.id")
@NamedQuery(
    name = Job.IN_FLIGHT,
    query =
        "select j.attempt.taskId from Job j where j.state in"
            + " (io.fileparser.jobs.entity.JobState.QUEUED,"
            + " io.fileparser.jobs.entity.JobState.RUNNING) and j.attempt.taskId is not null"
            + " order by j.attempt.lastActivityAt")
public class Job {

  public static final String FIRST_FOR_FILE = "Job.firstForFile";
  public static final String IN_FLIGHT = "Job.inFlightTasks";

  private static final String QUARANTINE_REMEDIATION =
      "the file is kept in quarantine; an admin can review it";

  /** The error category of a job failed because a job it depends on did not complete. */
  public static final String DEPENDENCY_FAILED = "dependency_failed";

  private static final String DEPENDENCY_REMEDIATION =
      "retry the dependency and then this job (a retry queues it at once), or upload again with"
          + " onDependencyFailure=continue";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @ManyToOne(optional = false, fetch = FetchType.EAGER)
  @JoinColumn(name = "file_id", nullable = false)
  private StoredFile file;

  /** The name this upload was given; the same bytes may arrive under several names. */
  @Column(nullable = false, length = 255)
  private String filename;

  /** Copied from the file so the job list filters on one table. */
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private FileFormat format;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  private JobState state;

  @Column(nullable = false)
  private short priority;

  /** An admin's kombu priority (0 first) for every attempt, instead of the policy's. */
  @Column(name = "queue_priority_override")
  private Short queuePriorityOverride;

  @Column(name = "template_id", length = 100)
  private String templateId;

  /** The version of the template this job was submitted with (the one the workers must use). */
  @Column(name = "pinned_template_version")
  private Integer pinnedTemplateVersion;

  @Column(columnDefinition = "text")
  private String metadata;

  @Column(name = "submitted_by", nullable = false, length = 200)
  private String submittedBy;

  @Column(name = "duplicate_of_job_id")
  private UUID duplicateOfJobId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "queued_at")
  private Instant queuedAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  /** The earliest instant the job may enter the queue, or null for at once. */
  @Column(name = "schedule_at")
  private Instant scheduleAt;

  /** What a dependency that does not complete does to the job; null when it has none. */
  @Enumerated(EnumType.STRING)
  @Column(name = "on_dependency_failure", length = 16)
  private DependencyPolicy onDependencyFailure;

  /**
   * The jobs this job waits for, in the order its submitter named them. Read with the job (status
   * reads map it outside a transaction); a list of jobs reads those of up to a page of them per
   * query, by their ids. (Not by subselect: Hibernate repeats the list's query without its limit
   * there, which read the dependencies of every job the filters select, 210 ms a page for a tenant
   * of 10,000 jobs.)
   */
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "job_dependencies", joinColumns = @JoinColumn(name = "job_id"))
  @OrderColumn(name = "position")
  @BatchSize(size = 100)
  private List<JobDependency> dependencies = new ArrayList<>();

  @Embedded private Attempt attempt = Attempt.none();

  @Embedded private Progress progress = Progress.none();

  @Embedded private ParseOutcome outcome = ParseOutcome.none();

  /** Null while no attempt has failed, and again once the job completes. */
  @Embedded private Failure failure;

  /** The sequence number of the job's last recorded change. */
  @Column(name = "event_seq", nullable = false)
  private int eventSeq;

  @Version private long version;

  /**
   * Joined when one job is read; a list of jobs reads the steps of up to a page of them per query
   * (not one query per job).
   */
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "job_steps", joinColumns = @JoinColumn(name = "job_id"))
  @OrderColumn(name = "position")
  @BatchSize(size = 100)
  private List<JobStep> steps = new ArrayList<>();

  @Transient private final List<JobChanged> changes = new ArrayList<>();

  /** The seq of this instance's latest queueing change, 0 for none (not stored). */
  @Transient private int latestQueueing;

  /** The seq of the queueing change whose task was assigned on this instance (not stored). */
  @Transient private int taskAssignedFor;

  protected Job() {}

  /** The row's version, raised by every change of the job or of the collections it owns. */
  public long getVersion() {
    return version;
  }

  /**
   * A new job for an upload that has just arrived: state {@link JobState#RECEIVED}, to leave it in
   * the same transaction through {@link #queue}, {@link #holdForScan} or {@link #quarantine}.
   *
   * @param queuePriorityOverride an admin's kombu priority, or null for the policy's
   */
  public Job(
      UUID id,
      String tenantId,
      StoredFile file,
      String filename,
      int priority,
      String templateId,
      String metadata,
      Integer queuePriorityOverride,
      String submittedBy,
      UUID duplicateOfJobId,
      Instant receivedAt,
      Instant createdAt) {
    this.id = Objects.requireNonNull(id);
    this.tenantId = Objects.requireNonNull(tenantId);
    this.file = Objects.requireNonNull(file);
    this.filename = filename;
    this.format = file.getFormat();
    this.priority = (short) priority;
    this.templateId = templateId;
    this.metadata = metadata;
    this.queuePriorityOverride =
        queuePriorityOverride == null ? null : queuePriorityOverride.shortValue();
    this.submittedBy = submittedBy;
    this.duplicateOfJobId = duplicateOfJobId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.state = JobState.RECEIVED;
    setStep(JobStep.done(Step.RECEIVED, receivedAt, receivedAt, null));
    record(null, Step.RECEIVED, null, receivedAt, filename);
  }

  /** Pins the version of the job's template that its attempts use, whatever is published later. */
  public void pinTemplateVersion(int version) {
    if (templateId == null) {
      throw new IllegalStateException("job " + id + " names no template");
    }
    this.pinnedTemplateVersion = version;
  }

  /**
   * A step of the upload pipeline finished before the job was admitted (stored, scanned,
   * validated), or the late scan of a job waiting for the scanner came back.
   */
  public void completeStep(Step step, Instant startedAt, Instant finishedAt, String detail) {
    if (state != JobState.RECEIVED && state != JobState.SCANNING) {
      throw refused("complete step " + step.wireName());
    }
    if (step.compareTo(Step.VALIDATED) > 0) {
      throw new IllegalArgumentException(step + " is reached by a transition, not completed");
    }
    setStep(JobStep.done(step, startedAt, finishedAt, detail));
    record(state, step, null, finishedAt, detail);
  }

  /**
   * Names the jobs this new job waits for, before it is admitted: each with the terminal state it
   * is in already, or none while it has not finished. Part of the job's creation, so it records no
   * change of its own.
   */
  public void dependOn(List<JobDependency> named, DependencyPolicy policy) {
    if (state != JobState.RECEIVED) {
      throw refused("take dependencies");
    }
    this.dependencies = new ArrayList<>(named);
    this.onDependencyFailure = named.isEmpty() ? null : Objects.requireNonNull(policy);
  }

  /** Holds this new job until {@code instant} before it enters the queue; part of its creation. */
  public void scheduleAt(Instant instant) {
    if (state != JobState.RECEIVED) {
      throw refused("be scheduled at creation");
    }
    this.scheduleAt = instant;
  }

  /**
   * Admits a received job: into the queue, or held before it: {@code WAITING} while a dependency is
   * open, then {@code SCHEDULED} while its instant is ahead. A dependency that finished without
   * completing fails the job at once under {@link DependencyPolicy#FAIL}.
   */
  public void queue(Instant at) {
    enterGate(JobState.RECEIVED, at, "priority " + priority);
  }

  /** Holds the job until the virus scanner, unreachable just now, has seen the file. */
  public void holdForScan(Instant at) {
    JobState from = moveTo(JobState.SCANNING, at, JobState.RECEIVED);
    setStep(JobStep.pending(Step.SCANNED, "waiting for the virus scanner"));
    setStep(JobStep.pending(Step.QUEUED, null));
    setStep(JobStep.pending(Step.PARSED, null));
    record(from, Step.SCANNED, null, at, "waiting for the virus scanner");
  }

  /** The file is infected and its tenant keeps such files: the job stays, never to be parsed. */
  public void quarantine(String signature, Instant scannedAt, Instant at) {
    JobState from = moveTo(JobState.QUARANTINED, at, JobState.RECEIVED, JobState.SCANNING);
    this.failure = Failure.malware(signature, QUARANTINE_REMEDIATION);
    setStep(new JobStep(Step.SCANNED, JobStep.Status.FAILED, scannedAt, scannedAt, "infected"));
    record(from, Step.SCANNED, null, at, "infected: " + signature + "; kept in quarantine");
  }

  /**
   * A job held for the scanner: the file was placed after a clean late scan. The job goes on as a
   * received one does ({@link #queue}): to the queue, or held for its dependencies or its time.
   */
  public void releaseAfterScan(Instant at) {
    enterGate(JobState.SCANNING, at, "released after the late scan");
  }

  /**
   * A job this one depends on reached a terminal state for the first time. The dependency is marked
   * finished whatever this job's state; a waiting job then fails (the dependency did not complete
   * and the policy is {@link DependencyPolicy#FAIL}), goes on once no dependency is open (to its
   * schedule or the queue), or records that one fewer is open.
   *
   * @return whether the job recorded a change
   */
  public boolean dependencyFinished(UUID dependency, JobState outcome, Instant at) {
    JobDependency named =
        dependencies.stream()
            .filter(d -> d.jobId().equals(dependency) && d.isOpen())
            .findFirst()
            .orElse(null);
    if (named == null) {
      return false;
    }
    named.finish(outcome);
    this.updatedAt = at;
    if (state != JobState.WAITING) {
      return false; // still being admitted (the gate decides), or no longer waiting
    }
    String detail = "dependency " + dependency + " " + outcome;
    if (named.isFailed() && onDependencyFailure == DependencyPolicy.FAIL) {
      failOnDependency(named, at);
    } else if (openDependencies() == 0) {
      leaveWaiting(at, detail);
    } else {
      String still = detail + "; waiting for " + openDependencies() + " more";
      setStep(JobStep.pending(Step.QUEUED, still));
      record(JobState.WAITING, "waiting", null, at, still);
    }
    return true;
  }

  /**
   * Moves the instant a held job enters the queue. A scheduled job whose new instant has come
   * enters the queue now; a waiting one keeps waiting for its dependencies, then keeps the new
   * instant.
   */
  public void reschedule(Instant instant, String by, Instant at) {
    if (!state.isHeld()) {
      throw refused("be rescheduled");
    }
    Instant old = scheduleAt;
    this.scheduleAt = Objects.requireNonNull(instant);
    this.updatedAt = at;
    String detail =
        "rescheduled from " + (old == null ? "none" : old) + " to " + instant + " by " + by;
    if (state == JobState.SCHEDULED && !instant.isAfter(at)) {
      JobState from = moveTo(JobState.QUEUED, at, JobState.SCHEDULED);
      enterQueue(at, detail);
      record(from, Step.QUEUED, null, at, detail);
    } else {
      record(state, state == JobState.SCHEDULED ? "scheduled" : "waiting", null, at, detail);
    }
  }

  /** A scheduled job's instant has come: it enters the queue. */
  public void fireSchedule(Instant at) {
    if (state != JobState.SCHEDULED || scheduleAt.isAfter(at)) {
      throw refused("enter the queue at " + at);
    }
    JobState from = moveTo(JobState.QUEUED, at, JobState.SCHEDULED);
    String detail = "scheduled for " + scheduleAt;
    enterQueue(at, detail);
    record(from, Step.QUEUED, null, at, detail);
  }

  /** A job held for the scanner: the late scan refused the file (malware, or too large). */
  public void failScan(Failure why, Instant at) {
    JobState from = moveTo(JobState.FAILED, at, JobState.SCANNING);
    this.failure = why;
    setStep(new JobStep(Step.SCANNED, JobStep.Status.FAILED, at, at, why.category()));
    setStep(new JobStep(Step.PARSED, JobStep.Status.SKIPPED, null, at, why.category()));
    record(from, Step.SCANNED, null, at, why.category() + ": " + why.message());
  }

  /**
   * Records that the job's next attempt runs as Celery task {@code taskId}; part of the latest
   * queueing change, which asked for it, so it records no change of its own.
   */
  public void assignTask(String taskId, int attemptNumber, int kombuPriority, Instant at) {
    if (state != JobState.QUEUED) {
      throw refused("assign a task");
    }
    attempt.assign(taskId, attemptNumber, kombuPriority, at);
    this.updatedAt = at;
    this.taskAssignedFor = latestQueueing;
  }

  /**
   * Whether this instance's latest queueing has its task assigned already: a new job's first task
   * is assigned before its row is inserted, and its queueing is heard after.
   */
  public boolean hasTaskFor(JobChanged queueing) {
    return queueing.seq() == taskAssignedFor;
  }

  /** Queued on this instance, and its latest queueing has no task assigned yet. */
  public boolean awaitsTask() {
    return state == JobState.QUEUED && latestQueueing > taskAssignedFor;
  }

  /**
   * The relay pushed the current task to the broker. A worker may have reported already (the job
   * runs); a job that finished meanwhile records nothing.
   */
  public void markDispatched(Instant at) {
    if (state != JobState.QUEUED && state != JobState.RUNNING) {
      return;
    }
    attempt.dispatched(at);
    String detail = "attempt " + attempt.count();
    setStep(JobStep.done(Step.DISPATCHED, at, at, detail));
    record(state, Step.DISPATCHED, null, at, detail);
  }

  /**
   * A worker started the job or made progress; percent never goes backwards. A report that says
   * nothing new (an older percent, or the same percent, step and message again) changes and records
   * nothing: every application-server instance hears each report the workers publish, and one event
   * per report is what subscribers expect.
   *
   * @return whether the job changed
   */
  public boolean reportProgress(String step, int percent, String message, Instant at) {
    return reportProgress(step, percent, message, null, at);
  }

  /**
   * Like {@link #reportProgress(String, int, String, Instant)} for a report the worker made at
   * {@code reportedAt} (null: not said): a report made before the one last applied is not news.
   */
  public boolean reportProgress(
      String step, int percent, String message, Instant reportedAt, Instant at) {
    JobState from = state;
    if (state == JobState.QUEUED) {
      moveTo(JobState.RUNNING, at, JobState.QUEUED);
      this.startedAt = startedAt == null ? at : startedAt;
    } else if (state != JobState.RUNNING) {
      throw refused("report progress");
    } else if (!progress.isNews(step, percent, message, reportedAt)) {
      return false;
    }
    progress.report(step, percent, message, reportedAt);
    attempt.active(at);
    this.updatedAt = at;
    record(from, step, progress.percent(), at, message);
    return true;
  }

  /** The worker finished: store what it found. */
  public void complete(ParseOutcome found, Instant at) {
    JobState from = moveTo(JobState.COMPLETED, at, JobState.QUEUED, JobState.RUNNING);
    this.startedAt = startedAt == null ? at : startedAt;
    this.outcome = Objects.requireNonNull(found);
    this.failure = null;
    progress.finished("completed");
    attempt.active(at);
    setStep(JobStep.done(Step.PARSED, startedAt, at, found.layout()));
    String summary =
        found.layout()
            + (found.recordCount() == null ? "" : ", " + found.recordCount() + " records");
    record(from, Step.PARSED, 100, at, summary);
  }

  /**
   * The worker read the file but nothing fits it well enough: the job keeps what the worker found
   * (the column profile and suggestions a person maps from) and waits for a mapping.
   */
  public void awaitMapping(ParseOutcome found, Instant at) {
    JobState from = moveTo(JobState.NEEDS_MAPPING, at, JobState.QUEUED, JobState.RUNNING);
    this.startedAt = startedAt == null ? at : startedAt;
    this.outcome = Objects.requireNonNull(found);
    this.failure = null;
    progress.finished("needs mapping");
    attempt.active(at);
    String detail =
        "needs mapping: "
            + found.layout()
            + (found.confidence() == null
                ? ""
                : String.format(java.util.Locale.ROOT, " at confidence %.2f", found.confidence()));
    setStep(new JobStep(Step.PARSED, JobStep.Status.PENDING, startedAt, null, "needs mapping"));
    record(from, Step.PARSED, null, at, detail);
  }

  /**
   * A person approved the mapping of a job waiting for one: back to the queue, where its next
   * attempt reads the file with the mapping.
   */
  public void resumeWithMapping(String by, Instant at) {
    JobState from = moveTo(JobState.QUEUED, at, JobState.NEEDS_MAPPING);
    progress.reset();
    attempt.scheduleNext(at, at);
    this.finishedAt = null;
    String detail = "mapping approved by " + by;
    enterQueue(at, detail);
    record(from, Step.QUEUED, null, at, detail);
  }

  /** A person rejected the mapping of a job waiting for one: the job fails for that reason. */
  public void rejectMapping(Failure why, Instant at) {
    JobState from = moveTo(JobState.FAILED, at, JobState.NEEDS_MAPPING);
    this.failure = why;
    setStep(new JobStep(Step.PARSED, JobStep.Status.FAILED, startedAt, at, why.category()));
    record(from, Step.PARSED, null, at, why.category() + ": " + why.message());
  }

  /** The attempt failed for a reason of the file's own: no retry will help. */
  public void fail(Failure why, Instant at) {
    finishFailed(JobState.FAILED, why, at);
  }

  /** The attempt failed and attempts are used up: the job waits for an admin. */
  public void deadLetter(Failure why, Instant at) {
    finishFailed(JobState.DEAD_LETTERED, why, at);
  }

  /**
   * The attempt failed (or went silent) and another may succeed: back to the queue, to be
   * dispatched again from {@code availableAt}. The change names the abandoned task.
   */
  public void retry(Failure why, Instant availableAt, Instant at) {
    JobState from = state;
    if (state != JobState.QUEUED) {
      moveTo(JobState.QUEUED, at, JobState.RUNNING);
    }
    this.failure = why;
    progress.reset();
    attempt.scheduleNext(availableAt, at);
    this.queuedAt = at;
    this.finishedAt = null;
    this.updatedAt = at;
    String detail =
        "attempt "
            + attempt.count()
            + " failed ("
            + why.category()
            + "); retry from "
            + availableAt;
    setStep(JobStep.done(Step.QUEUED, at, at, detail));
    record(from, Step.QUEUED, null, at, detail);
  }

  /** Stops the job on its owner's request; the change names the task to terminate. */
  public void cancel(String by, Instant at) {
    JobState from =
        moveTo(
            JobState.CANCELLED,
            at,
            JobState.SCANNING,
            JobState.QUARANTINED,
            JobState.WAITING,
            JobState.SCHEDULED,
            JobState.QUEUED,
            JobState.RUNNING,
            JobState.NEEDS_MAPPING);
    setStep(new JobStep(Step.PARSED, JobStep.Status.SKIPPED, startedAt, at, "cancelled"));
    record(from, Step.PARSED, null, at, "cancelled by " + by);
  }

  /**
   * A person sends a failed, cancelled or dead-lettered job back to the queue: a new attempt,
   * dispatched like a new job's, the history kept. The failure of the last attempt stays visible
   * until the job completes.
   *
   * @param newPriority the client's urgency (0-9) for this and later attempts, or null to keep it
   * @param templateVersion a version of the job's template to pin instead, or null to keep it
   */
  public void requeue(String by, Integer newPriority, Integer templateVersion, Instant at) {
    if (templateVersion != null && templateId == null) {
      throw new IllegalStateException("job " + id + " names no template");
    }
    JobState from =
        moveTo(JobState.QUEUED, at, JobState.FAILED, JobState.CANCELLED, JobState.DEAD_LETTERED);
    if (newPriority != null) {
      this.priority = newPriority.shortValue();
    }
    if (templateVersion != null) {
      pinTemplateVersion(templateVersion);
    }
    progress.reset();
    attempt.scheduleNext(null, at);
    this.finishedAt = null;
    String detail =
        "retry requested by "
            + by
            + "; attempt "
            + (attempt.count() + 1)
            + ", priority "
            + priority
            + (pinnedTemplateVersion == null ? "" : ", template version " + pinnedTemplateVersion);
    enterQueue(at, detail);
    record(from, Step.QUEUED, null, at, detail);
  }

  /**
   * Changes the client's urgency of a queued job. The message already on its way carries the old
   * priority and cannot be moved inside the broker, so the job enters the queue again: the next
   * attempt goes out at the new priority and the old task is revoked.
   */
  public void reprioritize(int newPriority, String by, Instant at) {
    if (state != JobState.QUEUED) {
      throw refused("change its priority");
    }
    int old = priority;
    this.priority = (short) newPriority;
    attempt.scheduleNext(null, at);
    this.updatedAt = at;
    String detail = "priority " + old + " -> " + newPriority + " by " + by + "; queued again";
    setStep(JobStep.done(Step.QUEUED, at, at, detail));
    record(JobState.QUEUED, Step.QUEUED, null, at, detail);
  }

  /**
   * Records the job's last change: it is deleted. Only a finished job is deleted (a running one is
   * cancelled first); the caller removes the row in the same transaction.
   */
  public void delete(String by, Instant at) {
    JobState from =
        moveTo(
            JobState.DELETED,
            at,
            JobState.COMPLETED,
            JobState.FAILED,
            JobState.CANCELLED,
            JobState.DEAD_LETTERED);
    record(from, "deleted", null, at, "deleted by " + by);
  }

  /** The changes recorded since the last call, in order; the caller fires them. */
  public List<JobChanged> drainChanges() {
    List<JobChanged> drained = List.copyOf(changes);
    changes.clear();
    return drained;
  }

  private void finishFailed(JobState terminal, Failure why, Instant at) {
    JobState from = moveTo(terminal, at, JobState.QUEUED, JobState.RUNNING);
    this.failure = why;
    attempt.active(at);
    setStep(new JobStep(Step.PARSED, JobStep.Status.FAILED, startedAt, at, why.category()));
    record(from, Step.PARSED, null, at, why.category() + ": " + why.message());
  }

  /**
   * Where an admitted job goes from {@code admittedFrom}: failed by a dependency, waiting for the
   * open ones, scheduled for its instant, or the queue.
   */
  private void enterGate(JobState admittedFrom, Instant at, String queuedDetail) {
    JobDependency failed =
        onDependencyFailure == DependencyPolicy.FAIL
            ? dependencies.stream().filter(JobDependency::isFailed).findFirst().orElse(null)
            : null;
    if (failed != null) {
      failOnDependency(failed, at);
    } else if (openDependencies() > 0) {
      JobState from = moveTo(JobState.WAITING, at, admittedFrom);
      String detail = "waiting for " + openDependencies() + " of " + dependencies.size() + " jobs";
      setStep(JobStep.pending(Step.QUEUED, detail));
      setStep(JobStep.pending(Step.PARSED, null));
      record(from, "waiting", null, at, detail);
    } else if (scheduleAt != null && scheduleAt.isAfter(at)) {
      JobState from = moveTo(JobState.SCHEDULED, at, admittedFrom);
      String detail = "scheduled for " + scheduleAt;
      setStep(JobStep.pending(Step.QUEUED, detail));
      setStep(JobStep.pending(Step.PARSED, null));
      record(from, "scheduled", null, at, detail);
    } else {
      JobState from = moveTo(JobState.QUEUED, at, admittedFrom);
      enterQueue(at, queuedDetail);
      record(from, Step.QUEUED, null, at, queuedDetail);
    }
  }

  /** The last dependency finished: on to the schedule, or the queue. */
  private void leaveWaiting(Instant at, String detail) {
    if (scheduleAt != null && scheduleAt.isAfter(at)) {
      JobState from = moveTo(JobState.SCHEDULED, at, JobState.WAITING);
      String scheduled = detail + "; scheduled for " + scheduleAt;
      setStep(JobStep.pending(Step.QUEUED, scheduled));
      record(from, "scheduled", null, at, scheduled);
    } else {
      JobState from = moveTo(JobState.QUEUED, at, JobState.WAITING);
      String released = detail + "; released";
      enterQueue(at, released);
      record(from, Step.QUEUED, null, at, released);
    }
  }

  private void failOnDependency(JobDependency failed, Instant at) {
    JobState from =
        moveTo(JobState.FAILED, at, JobState.RECEIVED, JobState.SCANNING, JobState.WAITING);
    this.failure =
        new Failure(
            DEPENDENCY_FAILED,
            "job " + failed.jobId() + " this job depends on is " + failed.outcome(),
            DEPENDENCY_REMEDIATION);
    setStep(new JobStep(Step.QUEUED, JobStep.Status.SKIPPED, null, at, DEPENDENCY_FAILED));
    setStep(new JobStep(Step.PARSED, JobStep.Status.SKIPPED, null, at, DEPENDENCY_FAILED));
    record(from, Step.QUEUED, null, at, DEPENDENCY_FAILED + ": " + failure.message());
  }

  private long openDependencies() {
    return dependencies.stream().filter(JobDependency::isOpen).count();
  }

  private void enterQueue(Instant at, String detail) {
    this.queuedAt = at;
    setStep(JobStep.done(Step.QUEUED, at, at, detail));
    setStep(JobStep.pending(Step.PARSED, null));
  }

  /** Moves to {@code next} if the job is in one of {@code allowed}; returns the state before. */
  private JobState moveTo(JobState next, Instant at, JobState... allowed) {
    JobState from = state;
    if (!List.of(allowed).contains(from) || !from.canMoveTo(next)) {
      throw refused("move to " + next);
    }
    this.state = next;
    this.updatedAt = at;
    if (next.isTerminal()) {
      this.finishedAt = at;
    }
    return from;
  }

  private void record(JobState from, Step step, Integer percent, Instant at, String detail) {
    record(from, step.wireName(), percent, at, detail);
  }

  private void record(JobState from, String step, Integer percent, Instant at, String detail) {
    eventSeq++;
    JobChanged change =
        new JobChanged(
            id,
            tenantId,
            eventSeq,
            from,
            state,
            step,
            percent,
            at,
            detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500),
            attempt.taskId());
    if (change.isQueueing()) {
      latestQueueing = eventSeq;
    }
    changes.add(change);
  }

  /** Replaces the step of that name, or inserts it in the order of {@link Step}. */
  private void setStep(JobStep step) {
    for (int i = 0; i < steps.size(); i++) {
      int order = steps.get(i).getName().compareTo(step.getName());
      if (order == 0) {
        steps.set(i, step);
        return;
      }
      if (order > 0) {
        steps.add(i, step);
        return;
      }
    }
    steps.add(step);
  }

  private IllegalStateException refused(String what) {
    return new IllegalStateException("job " + id + " is " + state + " and cannot " + what);
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public StoredFile getFile() {
    return file;
  }

  public String getFilename() {
    return filename;
  }

  public FileFormat getFormat() {
    return format;
  }

  public JobState getState() {
    return state;
  }

  public int getPriority() {
    return priority;
  }

  public Integer getQueuePriorityOverride() {
    return queuePriorityOverride == null ? null : queuePriorityOverride.intValue();
  }

  public Integer getPinnedTemplateVersion() {
    return pinnedTemplateVersion;
  }

  public String getTemplateId() {
    return templateId;
  }

  public String getMetadata() {
    return metadata;
  }

  public String getSubmittedBy() {
    return submittedBy;
  }

  public UUID getDuplicateOfJobId() {
    return duplicateOfJobId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getQueuedAt() {
    return queuedAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }

  /** The earliest instant the job enters the queue, or null for at once. */
  public Instant getScheduleAt() {
    return scheduleAt;
  }

  /** The policy for dependencies that do not complete, or null when the job has none. */
  public DependencyPolicy getOnDependencyFailure() {
    return onDependencyFailure;
  }

  /** The jobs this one waits for (or waited for), each with how it finished. */
  public List<JobDependency> getDependencies() {
    return List.copyOf(dependencies);
  }

  public int getEventSeq() {
    return eventSeq;
  }

  public Attempt attempt() {
    return attempt;
  }

  public Progress progress() {
    return progress;
  }

  public ParseOutcome outcome() {
    return outcome;
  }

  /** Why the last attempt failed, or null. */
  public Failure failure() {
    return failure;
  }

  public List<JobStep> getSteps() {
    return List.copyOf(steps);
  }
}
