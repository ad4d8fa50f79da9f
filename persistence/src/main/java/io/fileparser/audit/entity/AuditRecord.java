package io.fileparser.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One entry of the append-only, hash-chained audit log, for reading only: records are inserted by
 * the audit log's appender, which links each to the one before it ({@code prev_hash}, {@code hash};
 * see the V14 migration), so the entity has no public constructor and no setters, and the table
 * refuses UPDATE, DELETE and TRUNCATE (V1).
 */
@Entity
@Table(name = "audit_log")
public class AuditRecord {

  /** Drawn from the column's identity sequence by the appender while it holds the chain. */
  @Id private Long id;

  @Column(name = "tenant_id", nullable = false, length = 64, updatable = false)
  private String tenantId;

  @Column(nullable = false, length = 200, updatable = false)
  private String actor;

  @Column(nullable = false, length = 64, updatable = false)
  private String action;

  @Column(name = "target_type", nullable = false, length = 64, updatable = false)
  private String targetType;

  @Column(name = "target_id", nullable = false, length = 200, updatable = false)
  private String targetId;

  @Column(length = 4000, updatable = false)
  private String details;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "prev_hash", nullable = false, updatable = false)
  private byte[] prevHash;

  @Column(nullable = false, updatable = false)
  private byte[] hash;

  protected AuditRecord() {}

  public Long getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public String getTargetType() {
    return targetType;
  }

  public String getTargetId() {
    return targetId;
  }

  public String getDetails() {
    return details;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public byte[] getPrevHash() {
    return prevHash.clone();
  }

  public byte[] getHash() {
    return hash.clone();
  }
}
