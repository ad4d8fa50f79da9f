package io.fileparser.resumable.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A resumable upload: how many bytes arrived (the offset), how many will (the length, unknown while
 * deferred), what the client said about the file, and until when it may be resumed. The offset only
 * moves forward, by whole accepted chunks, and never past the length.
 */
@Entity
@Table(name = "resumable_uploads")
@NamedQuery(
    name = ResumableUpload.EXPIRED,
    query = "select u from ResumableUpload u where u.expiresAt < :now order by u.expiresAt")
public class ResumableUpload {

  public static final String EXPIRED = "ResumableUpload.expired";
  public static final String PARTIAL = "partial";
  public static final String FINAL = "final";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
  private String tenantId;

  @Column(nullable = false, length = 200, updatable = false)
  private String owner;

  @Column(name = "upload_length")
  private Long length;

  @Column(name = "upload_offset", nullable = false)
  private long offset;

  @Column(name = "raw_metadata", length = 8192, updatable = false)
  private String rawMetadata;

  @Column(length = 1024, updatable = false)
  private String filename;

  @Column(length = 255, updatable = false)
  private String filetype;

  @Column(nullable = false, updatable = false)
  private int priority;

  @Column(name = "template_id", length = 100, updatable = false)
  private String templateId;

  @Column(columnDefinition = "text", updatable = false)
  private String metadata;

  @Column(name = "queue_priority", updatable = false)
  private Integer queuePriority;

  @Column(name = "template_version", updatable = false)
  private Integer templateVersion;

  /** The job ids the new job waits for, comma-separated in the order named; null: none. */
  @Column(name = "depends_on", columnDefinition = "text", updatable = false)
  private String dependsOn;

  @Column(name = "on_dependency_failure", length = 16, updatable = false)
  private String onDependencyFailure;

  @Column(name = "schedule_at", updatable = false)
  private Instant scheduleAt;

  /** Null while the instance holding the upload's checks carries its SHA-256 in memory. */
  @Column(name = "digest_state")
  private byte[] digestState;

  @Column(length = 64)
  private String sha256;

  @Column(nullable = false, length = 20)
  private String state;

  @Column(name = "job_id")
  private UUID jobId;

  @Column(name = "failure_code", length = 60)
  private String failureCode;

  @Column(name = "failure_detail", length = 2000)
  private String failureDetail;

  @Column(name = "bytes_per_second", nullable = false)
  private double bytesPerSecond;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  /** {@code partial} or {@code final} (tus concatenation); null for an upload of a whole file. */
  @Column(length = 10, updatable = false)
  private String concat;

  protected ResumableUpload() {}

  /**
   * @param length the upload's length, or null when the client defers it
   * @param digestState the exported state of an empty SHA-256 digest
   */
  public ResumableUpload(
      UUID id,
      String tenantId,
      String owner,
      Long length,
      String rawMetadata,
      String filename,
      String filetype,
      int priority,
      String templateId,
      String metadata,
      Integer queuePriority,
      byte[] digestState,
      Instant createdAt,
      Instant expiresAt) {
    this.id = id;
    this.tenantId = tenantId;
    this.owner = owner;
    this.length = length;
    this.rawMetadata = rawMetadata;
    this.filename = filename;
    this.filetype = filetype;
    this.priority = priority;
    this.templateId = templateId;
    this.metadata = metadata;
    this.queuePriority = queuePriority;
    this.digestState = digestState.clone();
    this.state = UploadState.RECEIVING.wireName();
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.expiresAt = expiresAt;
  }

  /**
   * The start options of the job the upload will make, set before the upload is stored: the
   * template version to pin, the jobs it waits for (comma-separated ids), the dependency policy and
   * the earliest start.
   */
  public void startOptions(
      Integer templateVersion, String dependsOn, String onDependencyFailure, Instant scheduleAt) {
    this.templateVersion = templateVersion;
    this.dependsOn = dependsOn;
    this.onDependencyFailure = onDependencyFailure;
    this.scheduleAt = scheduleAt;
  }

  public Integer getTemplateVersion() {
    return templateVersion;
  }

  public String getDependsOn() {
    return dependsOn;
  }

  public String getOnDependencyFailure() {
    return onDependencyFailure;
  }

  public Instant getScheduleAt() {
    return scheduleAt;
  }

  /**
   * Marks a new upload as a part of a later concatenation ({@link #PARTIAL}) or as the
   * concatenation of parts ({@link #FINAL}), which receives no chunks of its own.
   */
  public void concatenation(String role) {
    if (!PARTIAL.equals(role) && !FINAL.equals(role)) {
      throw new IllegalArgumentException("no concatenation role " + role);
    }
    this.concat = role;
  }

  /**
   * Completes a final upload: its length and offset are those of its parts joined, all received.
   */
  public void completeConcatenation(long joinedLength, UUID jobId, String sha256, Instant at) {
    if (!FINAL.equals(concat)) {
      throw new IllegalStateException("upload " + id + " is not a final upload");
    }
    this.length = joinedLength;
    this.offset = joinedLength;
    complete(jobId, sha256, at);
  }

  /**
   * Completes a partial upload: every byte arrived; it waits for its final upload, keeping its
   * chunks.
   */
  public void completePartial(String sha256, Instant at) {
    if (!PARTIAL.equals(concat) || !isComplete()) {
      throw new IllegalStateException("upload " + id + " is not a complete partial upload");
    }
    this.state = UploadState.COMPLETED.wireName();
    this.sha256 = sha256;
    this.updatedAt = at;
  }

  /**
   * Counts an accepted chunk: the offset moves by its size and the digest state is the one after
   * its bytes, or null when it is carried in memory (then it cannot be resumed from here).
   */
  public void append(long size, byte[] digestStateAfter, double bytesPerSecond, Instant at) {
    if (state() != UploadState.RECEIVING) {
      throw new IllegalStateException("upload " + id + " is " + state);
    }
    if (size < 0 || (length != null && offset + size > length)) {
      throw new IllegalArgumentException("a chunk of " + size + " bytes does not fit");
    }
    offset += size;
    digestState = digestStateAfter == null ? null : digestStateAfter.clone();
    this.bytesPerSecond = bytesPerSecond;
    updatedAt = at;
  }

  /** Fixes a deferred length, once. */
  public void declareLength(long length) {
    if (this.length != null) {
      throw new IllegalStateException("the length is already known");
    }
    if (length < offset) {
      throw new IllegalArgumentException("the length is below the offset");
    }
    this.length = length;
  }

  public void complete(UUID jobId, String sha256, Instant at) {
    this.state = UploadState.COMPLETED.wireName();
    this.jobId = jobId;
    this.sha256 = sha256;
    this.updatedAt = at;
  }

  public void fail(String code, String detail, String sha256, Instant at) {
    this.state = UploadState.FAILED.wireName();
    this.failureCode = code;
    this.failureDetail =
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    this.sha256 = sha256;
    this.updatedAt = at;
  }

  public void terminate(Instant at) {
    this.state = UploadState.TERMINATED.wireName();
    this.updatedAt = at;
  }

  public boolean isExpired(Instant now) {
    return !expiresAt.isAfter(now);
  }

  public boolean isComplete() {
    return length != null && offset == length;
  }

  public UploadState state() {
    return UploadState.of(state);
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getOwner() {
    return owner;
  }

  public Long getLength() {
    return length;
  }

  public long getOffset() {
    return offset;
  }

  public String getRawMetadata() {
    return rawMetadata;
  }

  public String getFilename() {
    return filename;
  }

  public String getFiletype() {
    return filetype;
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

  public Integer getQueuePriority() {
    return queuePriority;
  }

  public byte[] getDigestState() {
    return digestState == null ? null : digestState.clone();
  }

  public String getSha256() {
    return sha256;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getFailureCode() {
    return failureCode;
  }

  public String getFailureDetail() {
    return failureDetail;
  }

  public double getBytesPerSecond() {
    return bytesPerSecond;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public String getConcat() {
    return concat;
  }
}
