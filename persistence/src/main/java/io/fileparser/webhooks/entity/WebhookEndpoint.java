package io.fileparser.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A URL a tenant wants its job events posted to. The signing secret is kept sealed (encrypted with
 * the server's webhook key), never hashed: the server must sign with it. During a rotation the
 * previous secret stays valid, and is used to sign as well, until {@code previousSecretUntil}.
 */
@Entity
@Table(name = "webhook_endpoints")
@NamedQuery(
    name = WebhookEndpoint.BY_TENANT,
    query =
        "select e from WebhookEndpoint e where e.tenantId = :tenantId order by e.createdAt, e.id")
@NamedQuery(
    name = WebhookEndpoint.ENABLED_BY_TENANT,
    query = "select e from WebhookEndpoint e where e.tenantId = :tenantId and e.enabled = true")
public class WebhookEndpoint {

  public static final String BY_TENANT = "WebhookEndpoint.byTenant";
  public static final String ENABLED_BY_TENANT = "WebhookEndpoint.enabledByTenant";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, length = 2048)
  private String url;

  @Column(length = 500)
  private String description;

  @Column(name = "event_types", nullable = false, length = 1000)
  private String eventTypes;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "disabled_reason", length = 500)
  private String disabledReason;

  @Column(name = "disabled_at")
  private Instant disabledAt;

  @Column(name = "secret_sealed", nullable = false, columnDefinition = "text")
  private String secretSealed;

  @Column(name = "previous_secret_sealed", columnDefinition = "text")
  private String previousSecretSealed;

  @Column(name = "previous_secret_until")
  private Instant previousSecretUntil;

  @Column(name = "failing_since")
  private Instant failingSince;

  @Column(name = "created_by", nullable = false, length = 200)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected WebhookEndpoint() {}

  public WebhookEndpoint(
      UUID id,
      String tenantId,
      String url,
      String description,
      Set<String> eventTypes,
      String secretSealed,
      String createdBy,
      Instant now) {
    this.id = id;
    this.tenantId = tenantId;
    this.url = url;
    this.description = description;
    this.eventTypes = String.join(",", eventTypes);
    this.enabled = true;
    this.secretSealed = secretSealed;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** Whether an event of this type is wanted: an empty filter wants every type. */
  public boolean wants(String eventType) {
    return eventTypes.isEmpty() || getEventTypes().contains(eventType);
  }

  public void change(String url, String description, Set<String> eventTypes, Instant now) {
    if (url != null) {
      this.url = url;
    }
    if (description != null) {
      this.description = description.isEmpty() ? null : description;
    }
    if (eventTypes != null) {
      this.eventTypes = String.join(",", eventTypes);
    }
    this.updatedAt = now;
  }

  /** Enables the endpoint again: the failure run and the reason it was disabled are forgotten. */
  public void enable(Instant now) {
    this.enabled = true;
    this.disabledReason = null;
    this.disabledAt = null;
    this.failingSince = null;
    this.updatedAt = now;
  }

  public void disable(String reason, Instant now) {
    if (enabled) {
      this.enabled = false;
      this.disabledReason = reason;
      this.disabledAt = now;
      this.updatedAt = now;
    }
  }

  /** Replaces the secret; the old one keeps signing until {@code previousUntil}. */
  public void rotateSecret(String newSealed, Instant previousUntil, Instant now) {
    this.previousSecretSealed = secretSealed;
    this.previousSecretUntil = previousUntil;
    this.secretSealed = newSealed;
    this.updatedAt = now;
  }

  /** The previous secret if it is still within its overlap window at {@code now}. */
  public String previousSecretSealedAt(Instant now) {
    return previousSecretUntil != null && now.isBefore(previousSecretUntil)
        ? previousSecretSealed
        : null;
  }

  /**
   * Records an attempt's outcome for the failure run: a success ends it, a failure may start it.
   */
  public void recordOutcome(boolean delivered, Instant at) {
    if (delivered) {
      failingSince = null;
    } else if (failingSince == null) {
      failingSince = at;
    }
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getUrl() {
    return url;
  }

  public String getDescription() {
    return description;
  }

  public Set<String> getEventTypes() {
    return eventTypes.isEmpty()
        ? Set.of()
        : new LinkedHashSet<>(Arrays.asList(eventTypes.split(",")));
  }

  public boolean isEnabled() {
    return enabled;
  }

  public String getDisabledReason() {
    return disabledReason;
  }

  public Instant getDisabledAt() {
    return disabledAt;
  }

  public String getSecretSealed() {
    return secretSealed;
  }

  public Instant getPreviousSecretUntil() {
    return previousSecretUntil;
  }

  public Instant getFailingSince() {
    return failingSince;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
