package io.fileparser.dispatch.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A Celery task message waiting to be pushed to Redis (the transactional outbox). Written in the
 * same transaction as the job change that calls for it, so Redis being down delays a dispatch but
 * never loses it. {@code envelope} is the exact string LPUSHed, so the relay needs nothing else.
 */
@Entity
@Table(name = "dispatch_outbox")
public class OutboxMessage {

  @Id private UUID id;

  @Column(name = "job_id", nullable = false)
  private UUID jobId;

  /** The job's tenant, copied so that a relay finds each tenant's messages by index. */
  @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
  private String tenantId;

  @Column(name = "task_id", nullable = false)
  private UUID taskId;

  @Column(nullable = false)
  private int attempt;

  @Column(name = "queue_key", nullable = false, length = 100)
  private String queueKey;

  @Column(nullable = false)
  private short priority;

  @Column(name = "delivery_tag", nullable = false)
  private UUID deliveryTag;

  @Column(nullable = false, columnDefinition = "text")
  private String envelope;

  @Column(name = "available_at", nullable = false)
  private Instant availableAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  /**
   * The Redis keys of the template lists the message names (space-separated), which the relay makes
   * sure are there, with the documents they name, before it pushes; null when it names none.
   */
  @Column(name = "template_keys", columnDefinition = "text", updatable = false)
  private String templateKeys;

  protected OutboxMessage() {}

  public OutboxMessage(
      UUID id,
      UUID jobId,
      String tenantId,
      UUID taskId,
      int attempt,
      String queueKey,
      int priority,
      UUID deliveryTag,
      String envelope,
      List<String> templateKeys,
      Instant availableAt,
      Instant createdAt) {
    this.id = id;
    this.jobId = jobId;
    this.tenantId = tenantId;
    this.taskId = taskId;
    this.attempt = attempt;
    this.queueKey = queueKey;
    this.priority = (short) priority;
    this.deliveryTag = deliveryTag;
    this.envelope = envelope;
    this.templateKeys = templateKeys.isEmpty() ? null : String.join(" ", templateKeys);
    this.availableAt = availableAt;
    this.createdAt = createdAt;
  }

  public void markSent(Instant at) {
    this.sentAt = at;
  }

  public boolean isSent() {
    return sentAt != null;
  }

  public UUID getId() {
    return id;
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getTenantId() {
    return tenantId;
  }

  public UUID getTaskId() {
    return taskId;
  }

  public int getAttempt() {
    return attempt;
  }

  public String getQueueKey() {
    return queueKey;
  }

  public int getPriority() {
    return priority;
  }

  public UUID getDeliveryTag() {
    return deliveryTag;
  }

  public String getEnvelope() {
    return envelope;
  }

  public Instant getAvailableAt() {
    return availableAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  /** The Redis keys of the template lists the message names; empty for none. */
  public List<String> getTemplateKeys() {
    return templateKeys == null ? List.of() : List.of(templateKeys.split(" "));
  }
}
