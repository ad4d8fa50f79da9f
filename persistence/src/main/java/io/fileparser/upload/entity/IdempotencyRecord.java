package io.fileparser.upload.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Remembers which job an {@code Idempotency-Key} produced, and a fingerprint of the request that
 * carried it, so a retried request gets the same answer and a different request under the same key
 * is refused.
 */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyRecord {

  /** Composite key: idempotency keys are scoped to their tenant. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "tenant_id", nullable = false, length = 64)
    private String tenantId;

    @Column(name = "idempotency_key", nullable = false, length = 255)
    private String idempotencyKey;

    protected Key() {}

    public Key(String tenantId, String idempotencyKey) {
      this.tenantId = tenantId;
      this.idempotencyKey = idempotencyKey;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && tenantId.equals(k.tenantId)
          && idempotencyKey.equals(k.idempotencyKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, idempotencyKey);
    }
  }

  @EmbeddedId private Key key;

  @Column(name = "request_fingerprint", nullable = false, length = 64)
  private String requestFingerprint;

  @Column(name = "job_id", nullable = false)
  private UUID jobId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected IdempotencyRecord() {}

  public IdempotencyRecord(Key key, String requestFingerprint, UUID jobId, Instant createdAt) {
    this.key = key;
    this.requestFingerprint = requestFingerprint;
    this.jobId = jobId;
    this.createdAt = createdAt;
  }

  public String getRequestFingerprint() {
    return requestFingerprint;
  }

  public UUID getJobId() {
    return jobId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
