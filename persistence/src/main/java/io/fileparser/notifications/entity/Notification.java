package io.fileparser.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One entry of a recipient's feed. Written once by the change it tells of; only its read time ever
 * changes afterwards.
 */
@Entity
@Table(name = "notifications")
public class Notification {

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
  private String tenantId;

  @Column(nullable = false, length = 200, updatable = false)
  private String recipient;

  @Column(nullable = false, length = 40, updatable = false)
  private String kind;

  @Column(name = "job_id", updatable = false)
  private UUID jobId;

  @Column(name = "event_id", length = 100, updatable = false)
  private String eventId;

  @Column(nullable = false, length = 200, updatable = false)
  private String title;

  @Column(length = 2000, updatable = false)
  private String message;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "read_at")
  private Instant readAt;

  protected Notification() {}

  /**
   * @param kind the wire name of what happened ({@code job.completed}, ...)
   * @param eventId the job event it tells of, {@code <jobId>:<seq>}, if any
   */
  public Notification(
      String tenantId,
      String recipient,
      String kind,
      UUID jobId,
      String eventId,
      String title,
      String message,
      Instant createdAt) {
    this.id = UUID.randomUUID();
    this.tenantId = tenantId;
    this.recipient = recipient;
    this.kind = kind;
    this.jobId = jobId;
    this.eventId = eventId;
    this.title = title;
    this.message = message;
    // PostgreSQL keeps microseconds: the cursor and the row must agree.
    this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** Marks it read, keeping the first time it was. */
  public void markRead(Instant at) {
    if (readAt == null) {
      readAt = at;
    }
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getRecipient() {
    return recipient;
  }

  public String getKind() {
    return kind;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getEventId() {
    return eventId;
  }

  public String getTitle() {
    return title;
  }

  public String getMessage() {
    return message;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getReadAt() {
    return readAt;
  }
}
