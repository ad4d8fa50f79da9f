package io.fileparser.jobs.entity;

import io.fileparser.upload.entity.StoredFile;
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
public class Job {

  public static final String FIRST_FOR_FILE = "Job.firstForFile";

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
    steps.addAll(completedSteps);
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

  public List<JobStep> getSteps() {
    return List.copyOf(steps);
  }
}
