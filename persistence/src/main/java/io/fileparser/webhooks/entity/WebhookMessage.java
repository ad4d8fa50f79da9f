package io.fileparser.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One message owed to one endpoint: the exact body that is sent on every attempt, its {@code
 * webhookId} (the same on every attempt and on a resend, as Standard Webhooks asks), and its
 * delivery state. {@code seq} is given by the database when the row is written (one sequence for
 * all endpoints, so an endpoint's messages are numbered in the order they were written, with gaps).
 */
@Entity
@Table(name = "webhook_messages")
public class WebhookMessage {

  @Id private UUID id;

  @Column(name = "endpoint_id", nullable = false)
  private UUID endpointId;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, insertable = false, updatable = false)
  private long seq;

  /** The job the message tells of; null for messages of no job (a test, an alert). */
  @Column(name = "job_id")
  private UUID jobId;

  @Column(name = "webhook_id", nullable = false, length = 100)
  private String webhookId;

  @Column(name = "event_type", nullable = false, length = 64)
  private String eventType;

  @Column(nullable = false, columnDefinition = "text")
  private String payload;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private MessageStatus status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "retry_step", nullable = false)
  private int retryStep;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "last_attempt_at")
  private Instant lastAttemptAt;

  @Column(name = "last_status_code")
  private Integer lastStatusCode;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected WebhookMessage() {}

  public WebhookMessage(
      UUID id,
      UUID endpointId,
      String tenantId,
      UUID jobId,
      String webhookId,
      String eventType,
      String payload,
      Instant now) {
    this.id = id;
    this.endpointId = endpointId;
    this.tenantId = tenantId;
    this.jobId = jobId;
    this.webhookId = webhookId;
    this.eventType = eventType;
    this.payload = payload;
    this.status = MessageStatus.PENDING;
    this.nextAttemptAt = now;
    this.createdAt = now;
  }

  /** A 2xx answer. */
  public void delivered(int statusCode, Instant at) {
    attempted(statusCode, at);
    status = MessageStatus.DELIVERED;
    deliveredAt = at;
    nextAttemptAt = null;
  }

  /** A failed attempt after which the message is tried again at {@code next}. */
  public void retryAt(Integer statusCode, Instant at, Instant next) {
    attempted(statusCode, at);
    retryStep++;
    nextAttemptAt = next;
  }

  /** A failed attempt after which nobody tries again unless asked to (resend, recover). */
  public void giveUp(Integer statusCode, Instant at) {
    attempted(statusCode, at);
    status = MessageStatus.FAILED;
    nextAttemptAt = null;
  }

  /** Due again now, with the retry schedule from its start (resend, recover). */
  public void resend(Instant now) {
    status = MessageStatus.PENDING;
    retryStep = 0;
    nextAttemptAt = now;
  }

  /** Marks the message as taken by a delivery round until {@code leaseUntil}. */
  public void lease(Instant leaseUntil) {
    nextAttemptAt = leaseUntil;
  }

  private void attempted(Integer statusCode, Instant at) {
    attempts++;
    lastAttemptAt = at;
    lastStatusCode = statusCode;
  }

  public UUID getId() {
    return id;
  }

  public UUID getEndpointId() {
    return endpointId;
  }

  public String getTenantId() {
    return tenantId;
  }

  public UUID getJobId() {
    return jobId;
  }

  public long getSeq() {
    return seq;
  }

  public String getWebhookId() {
    return webhookId;
  }

  public String getEventType() {
    return eventType;
  }

  public String getPayload() {
    return payload;
  }

  public MessageStatus getStatus() {
    return status;
  }

  public int getAttempts() {
    return attempts;
  }

  public int getRetryStep() {
    return retryStep;
  }

  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  public Instant getLastAttemptAt() {
    return lastAttemptAt;
  }

  public Integer getLastStatusCode() {
    return lastStatusCode;
  }

  public Instant getDeliveredAt() {
    return deliveredAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
