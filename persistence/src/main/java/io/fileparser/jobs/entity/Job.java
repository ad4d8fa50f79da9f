package io.fileparser.jobs.entity;

import io.fileparser.files.entity.StoredFile;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One request to parse one stored file, with its state, step breakdown and outcome. */
@Entity
@Table(name = "jobs")
@NamedQuery(
    name = Job.FIRST_FOR_FILE,
    query = "select j from Job j where j.file.id = :fileId order by j.createdAt, j.id")
@NamedQuery(name = Job.BY_TASK, query = "select j from Job j where j.celeryTaskId = :taskId")
@NamedQuery(
    name = Job.IN_FLIGHT,
    query =
        "select j from Job j where j.state in (io.fileparser.jobs.entity.JobState.QUEUED,"
            + " io.fileparser.jobs.entity.JobState.RUNNING) and j.celeryTaskId is not null"
            + " order by j.lastActivityAt")
public class Job {

  public static final String FIRST_FOR_FILE = "Job.firstForFile";
  public static final String BY_TASK = "Job.byTask";
  public static final String IN_FLIGHT = "Job.inFlight";

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
  @Column(nullable = false, length = 16)
  private String format;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 24)
  private JobState state;

  @Column(nullable = false)
  private short priority;

  @Column(name = "template_id", length = 100)
  private String templateId;

  @Column(columnDefinition = "text")
  private String metadata;

  @Column(name = "submitted_by", nullable = false, length = 200)
  private String submittedBy;

  @Column(name = "duplicate_of_job_id")
  private UUID duplicateOfJobId;

  @Column(name = "celery_task_id", length = 64)
  private String celeryTaskId;

  @Column(name = "attempt_count", nullable = false)
  private int attemptCount;

  @Column(name = "error_category", length = 64)
  private String errorCategory;

  @Column(name = "error_message", length = 2000)
  private String errorMessage;

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

  @Column(name = "kombu_priority")
  private Short kombuPriority;

  @Column(nullable = false)
  private short percent;

  @Column(name = "current_step", length = 32)
  private String currentStep;

  @Column(name = "progress_message", length = 500)
  private String progressMessage;

  @Column(name = "last_activity_at")
  private Instant lastActivityAt;

  @Column(name = "dispatched_at")
  private Instant dispatchedAt;

  @Column(length = 64)
  private String layout;

  @Column(name = "template_matched", length = 100)
  private String templateMatched;

  @Column(name = "template_version")
  private Integer templateVersion;

  @Column private Double confidence;

  @Column(name = "needs_mapping", nullable = false)
  private boolean needsMapping;

  @Column(name = "record_count")
  private Long recordCount;

  @Column(name = "records_uri", length = 2048)
  private String recordsUri;

  /** The worker's result beyond the columns above (fields, quality, timings), as JSON. */
  @Column(name = "result_summary", columnDefinition = "text")
  private String resultSummary;

  @Column(length = 1000)
  private String remediation;

  @Version private long version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "job_steps", joinColumns = @JoinColumn(name = "job_id"))
  @OrderColumn(name = "position")
  private List<JobStep> steps = new ArrayList<>();

  protected Job() {}

  public Job(
      UUID id,
      String tenantId,
      StoredFile file,
      String filename,
      int priority,
      String templateId,
      String metadata,
      String submittedBy,
      UUID duplicateOfJobId,
      Instant createdAt) {
    this.id = id;
    this.tenantId = tenantId;
    this.file = file;
    this.filename = filename;
    this.format = file.getFormat();
    this.priority = (short) priority;
    this.templateId = templateId;
    this.metadata = metadata;
    this.submittedBy = submittedBy;
    this.duplicateOfJobId = duplicateOfJobId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** Puts the job in the queue; the caller has recorded the steps that led here. */
  public void queue(List<JobStep> completedSteps, Instant at) {
    if (state != null) {
      throw new IllegalStateException("job " + id + " is already " + state);
    }
    steps.addAll(completedSteps);
    moveTo(JobState.QUEUED, at);
    this.queuedAt = at;
  }

  /** Holds the job until the virus scanner, unreachable just now, has seen the file. */
  public void holdForScan(List<JobStep> completedSteps, Instant at) {
    steps.addAll(completedSteps);
    moveTo(JobState.SCANNING, at);
  }

  /** The file was found infected and the tenant keeps such files in quarantine. */
  public void quarantine(List<JobStep> completedSteps, String signature, Instant at) {
    steps.addAll(completedSteps);
    moveTo(JobState.QUARANTINED, at);
    this.errorCategory = "malware_detected";
    this.errorMessage = signature;
    this.remediation = "the file is kept in quarantine; an admin can review it";
  }

  /** A job held for the scanner: the scan came back clean. */
  public void releaseAfterScan(Instant at) {
    replaceStep(JobStep.done("scanned", at, at, "clean (rescanned)"));
    moveTo(JobState.QUEUED, at);
    this.queuedAt = at;
  }

  /**
   * Moves the job to {@code next}.
   *
   * @throws IllegalStateException if the state machine forbids the move
   */
  public void moveTo(JobState next, Instant at) {
    if (state != null && !state.canMoveTo(next)) {
      throw new IllegalStateException("job " + id + " cannot move from " + state + " to " + next);
    }
    this.state = next;
    this.updatedAt = at;
    if (next.isTerminal()) {
      this.finishedAt = at;
    }
  }

  /** Records that attempt {@code attempt} of the job will run as Celery task {@code taskId}. */
  public void assignTask(String taskId, int attempt, int kombuPriority, Instant at) {
    this.celeryTaskId = taskId;
    this.attemptCount = attempt;
    this.kombuPriority = (short) kombuPriority;
    this.lastActivityAt = at;
    this.updatedAt = at;
  }

  /** The relay pushed the current task to Redis. */
  public void markDispatched(Instant at) {
    this.dispatchedAt = at;
    this.lastActivityAt = at;
    replaceStep(JobStep.done("dispatched", at, at, "attempt " + attemptCount));
  }

  /** A worker reported it started or made progress; percent never goes backwards. */
  public void reportProgress(String step, int percent, String message, Instant at) {
    if (state == JobState.QUEUED) {
      moveTo(JobState.RUNNING, at);
      this.startedAt = startedAt == null ? at : startedAt;
    }
    this.percent = (short) Math.max(this.percent, Math.min(100, Math.max(0, percent)));
    if (step != null) {
      this.currentStep = step;
    }
    this.progressMessage = message;
    this.lastActivityAt = at;
    this.updatedAt = at;
  }

  /** The worker finished: store what it found. */
  public void complete(ParseOutcome outcome, Instant at) {
    moveTo(JobState.COMPLETED, at);
    this.startedAt = startedAt == null ? at : startedAt;
    this.percent = 100;
    this.currentStep = "completed";
    this.progressMessage = null;
    this.layout = outcome.layout();
    this.templateMatched = outcome.templateMatched();
    this.templateVersion = outcome.templateVersion();
    this.confidence = outcome.confidence();
    this.needsMapping = outcome.needsMapping();
    this.recordCount = outcome.recordCount();
    this.recordsUri = outcome.recordsUri();
    this.resultSummary = outcome.summaryJson();
    this.errorCategory = null;
    this.errorMessage = null;
    this.remediation = null;
    this.lastActivityAt = at;
    replaceStep(JobStep.done("parsed", startedAt, at, outcome.layout()));
  }

  /** Records the error of the last attempt, whatever happens next. */
  public void recordError(String category, String message, String remediation, Instant at) {
    this.errorCategory = category;
    this.errorMessage = message;
    this.remediation = remediation;
    this.lastActivityAt = at;
    this.updatedAt = at;
  }

  /** Back to the queue for another attempt (after a retryable failure or lost work). */
  public void requeue(Instant at) {
    if (state != JobState.QUEUED) {
      moveTo(JobState.QUEUED, at);
    }
    this.percent = 0;
    this.currentStep = null;
    this.progressMessage = null;
    this.dispatchedAt = null;
    this.finishedAt = null;
    this.queuedAt = at;
    this.lastActivityAt = at;
  }

  public void fail(Instant at) {
    moveTo(JobState.FAILED, at);
    replaceStep(new JobStep("parsed", JobStep.Status.FAILED, startedAt, at, errorCategory));
  }

  public void deadLetter(Instant at) {
    moveTo(JobState.DEAD_LETTERED, at);
    replaceStep(new JobStep("parsed", JobStep.Status.FAILED, startedAt, at, errorCategory));
  }

  public void cancel(Instant at) {
    moveTo(JobState.CANCELLED, at);
    replaceStep(new JobStep("parsed", JobStep.Status.SKIPPED, startedAt, at, "cancelled"));
  }

  /** Replaces the step of that name, or adds it before a pending "parsed" step. */
  private void replaceStep(JobStep step) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).getName().equals(step.getName())) {
        steps.set(i, step);
        return;
      }
    }
    int parsed = -1;
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).getName().equals("parsed")) {
        parsed = i;
      }
    }
    if (parsed >= 0) {
      steps.add(parsed, step);
    } else {
      steps.add(step);
    }
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

  public String getFormat() {
    return format;
  }

  public JobState getState() {
    return state;
  }

  public int getPriority() {
    return priority;
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

  public String getCeleryTaskId() {
    return celeryTaskId;
  }

  public int getAttemptCount() {
    return attemptCount;
  }

  public String getErrorCategory() {
    return errorCategory;
  }

  public String getErrorMessage() {
    return errorMessage;
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

  public Integer getKombuPriority() {
    return kombuPriority == null ? null : kombuPriority.intValue();
  }

  public int getPercent() {
    return percent;
  }

  public String getCurrentStep() {
    return currentStep;
  }

  public String getProgressMessage() {
    return progressMessage;
  }

  public Instant getLastActivityAt() {
    return lastActivityAt;
  }

  public Instant getDispatchedAt() {
    return dispatchedAt;
  }

  public String getLayout() {
    return layout;
  }

  public String getTemplateMatched() {
    return templateMatched;
  }

  public Integer getTemplateVersion() {
    return templateVersion;
  }

  public Double getConfidence() {
    return confidence;
  }

  public boolean isNeedsMapping() {
    return needsMapping;
  }

  public Long getRecordCount() {
    return recordCount;
  }

  public String getRecordsUri() {
    return recordsUri;
  }

  public String getResultSummary() {
    return resultSummary;
  }

  public String getRemediation() {
    return remediation;
  }

  public List<JobStep> getSteps() {
    return List.copyOf(steps);
  }
}
