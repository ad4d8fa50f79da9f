package io.fileparser.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A browser's Web Push subscription (RFC 8030): the push service URL to post a recipient's
 * notifications to, and the browser's keys that encrypt them (RFC 8291), as base64url.
 */
@Entity
@Table(name = "push_subscriptions")
public class PushSubscription {

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
  private String tenantId;

  @Column(nullable = false, length = 200, updatable = false)
  private String recipient;

  @Column(nullable = false, length = 2000, updatable = false)
  private String endpoint;

  @Column(nullable = false, length = 200)
  private String p256dh;

  @Column(nullable = false, length = 100)
  private String auth;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected PushSubscription() {}

  public PushSubscription(
      String tenantId,
      String recipient,
      String endpoint,
      String p256dh,
      String auth,
      Instant createdAt) {
    this.id = UUID.randomUUID();
    this.tenantId = tenantId;
    this.recipient = recipient;
    this.endpoint = endpoint;
    this.p256dh = p256dh;
    this.auth = auth;
    this.createdAt = createdAt;
  }

  /** The browser renewed its keys for the same endpoint. */
  public void rekey(String p256dh, String auth) {
    this.p256dh = p256dh;
    this.auth = auth;
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

  public String getEndpoint() {
    return endpoint;
  }

  public String getP256dh() {
    return p256dh;
  }

  public String getAuth() {
    return auth;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
