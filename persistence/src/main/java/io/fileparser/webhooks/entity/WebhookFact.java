package io.fileparser.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Something about an endpoint its owner should hear of, such as {@code webhook.endpoint_disabled};
 * kept for a notifications feature to read and mark as read.
 */
@Entity
@Table(name = "webhook_facts")
public class WebhookFact {

  public static final String ENDPOINT_DISABLED = "webhook.endpoint_disabled";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
  private String tenantId;

  @Column(name = "endpoint_id", nullable = false, updatable = false)
  private UUID endpointId;

  @Column(nullable = false, length = 64, updatable = false)
  private String kind;

  @Column(nullable = false, length = 200, updatable = false)
  private String recipient;

  @Column(nullable = false, length = 1000, updatable = false)
  private String detail;

  @Column(nullable = false, updatable = false)
  private Instant at;

  @Column(name = "read_at")
  private Instant readAt;

  protected WebhookFact() {}

  public WebhookFact(
      UUID id,
      String tenantId,
      UUID endpointId,
      String kind,
      String recipient,
      String detail,
      Instant at) {
    this.id = id;
    this.tenantId = tenantId;
    this.endpointId = endpointId;
    this.kind = kind;
    this.recipient = recipient;
    this.detail = detail;
    this.at = at;
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public UUID getEndpointId() {
    return endpointId;
  }

  public String getKind() {
    return kind;
  }

  public String getRecipient() {
    return recipient;
  }

  public String getDetail() {
    return detail;
  }

  public Instant getAt() {
    return at;
  }

  public Instant getReadAt() {
    return readAt;
  }
}
