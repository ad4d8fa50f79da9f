package io.fileparser.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One delivery attempt of a message, as the delivery log shows it. Written once, never changed. */
@Entity
@Table(name = "webhook_attempts")
public class WebhookAttempt {

  @Id private UUID id;

  @Column(name = "message_id", nullable = false, updatable = false)
  private UUID messageId;

  @Column(name = "endpoint_id", nullable = false, updatable = false)
  private UUID endpointId;

  @Column(nullable = false, updatable = false)
  private int attempt;

  @Column(name = "attempted_at", nullable = false, updatable = false)
  private Instant attemptedAt;

  @Column(name = "status_code", updatable = false)
  private Integer statusCode;

  @Column(nullable = false, length = 32, updatable = false)
  private String outcome;

  @Column(name = "latency_ms", nullable = false, updatable = false)
  private int latencyMillis;

  @Column(name = "response_excerpt", length = 1000, updatable = false)
  private String responseExcerpt;

  @Column(length = 500, updatable = false)
  private String error;

  protected WebhookAttempt() {}

  public WebhookAttempt(
      UUID id,
      UUID messageId,
      UUID endpointId,
      int attempt,
      Instant attemptedAt,
      Integer statusCode,
      String outcome,
      int latencyMillis,
      String responseExcerpt,
      String error) {
    this.id = id;
    this.messageId = messageId;
    this.endpointId = endpointId;
    this.attempt = attempt;
    this.attemptedAt = attemptedAt;
    this.statusCode = statusCode;
    this.outcome = outcome;
    this.latencyMillis = latencyMillis;
    this.responseExcerpt = responseExcerpt;
    this.error = error;
  }

  public UUID getId() {
    return id;
  }

  public UUID getMessageId() {
    return messageId;
  }

  public UUID getEndpointId() {
    return endpointId;
  }

  public int getAttempt() {
    return attempt;
  }

  public Instant getAttemptedAt() {
    return attemptedAt;
  }

  public Integer getStatusCode() {
    return statusCode;
  }

  public String getOutcome() {
    return outcome;
  }

  public int getLatencyMillis() {
    return latencyMillis;
  }

  public String getResponseExcerpt() {
    return responseExcerpt;
  }

  public String getError() {
    return error;
  }
}
