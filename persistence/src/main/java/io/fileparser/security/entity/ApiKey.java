package io.fileparser.security.entity;

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
 * A service credential. Only the SHA-256 of the secret is kept; the secret itself is shown once, at
 * creation. The public {@code keyPrefix} finds the row without a table scan. A key works until it
 * is revoked or, if it has one, until its expiry.
 */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = ApiKey.BY_PREFIX, query = "select k from ApiKey k where k.keyPrefix = :prefix")
@NamedQuery(
    name = ApiKey.BY_TENANT,
    query = "select k from ApiKey k where k.tenantId = :tenantId order by k.createdAt desc, k.id")
@NamedQuery(
    name = ApiKey.MARK_USED,
    query =
        "update ApiKey k set k.lastUsedAt = :at where k.id = :id"
            + " and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)")
public class ApiKey {

  public static final String BY_PREFIX = "ApiKey.byPrefix";
  public static final String BY_TENANT = "ApiKey.byTenant";

  /**
   * Sets {@code lastUsedAt} to {@code :at} only where it is older than {@code :staleBefore}: of
   * concurrent requests past the resolution, one writes and the others find the row fresh.
   */
  public static final String MARK_USED = "ApiKey.markUsed";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "key_prefix", nullable = false, length = 32)
  private String keyPrefix;

  @Column(name = "secret_hash", nullable = false)
  private byte[] secretHash;

  @Column(nullable = false, length = 200)
  private String roles;

  @Column(name = "created_by", nullable = false, length = 200)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by", length = 200)
  private String revokedBy;

  @Column(name = "expires_at")
  private Instant expiresAt;

  protected ApiKey() {}

  public ApiKey(
      UUID id,
      String tenantId,
      String name,
      String keyPrefix,
      byte[] secretHash,
      Set<String> roles,
      String createdBy,
      Instant createdAt,
      Instant expiresAt) {
    if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a key must expire after its creation");
    }
    this.id = id;
    this.tenantId = tenantId;
    this.name = name;
    this.keyPrefix = keyPrefix;
    this.secretHash = secretHash.clone();
    this.roles = String.join(",", roles);
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** Whether the key has an expiry and {@code now} has reached it. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** Whether the key may authenticate at {@code now}: neither revoked nor expired. */
  public boolean isUsableAt(Instant now) {
    return !isRevoked() && !isExpiredAt(now);
  }

  public void revoke(String by, Instant at) {
    if (revokedAt == null) {
      this.revokedAt = at;
      this.revokedBy = by;
    }
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getName() {
    return name;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public byte[] getSecretHash() {
    return secretHash.clone();
  }

  public Set<String> getRoles() {
    return new LinkedHashSet<>(Arrays.asList(roles.split(",")));
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public String getRevokedBy() {
    return revokedBy;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
