package io.fileparser.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One entry of the append-only audit log. The entity has no setters and the table refuses UPDATE,
 * DELETE and TRUNCATE (see the V1 migration).
 */
@Entity
@Table(name = "audit_log")
public class AuditRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

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

  protected AuditRecord() {}

  public AuditRecord(
      String tenantId,
      String actor,
      String action,
      String targetType,
      String targetId,
      String details,
      Instant occurredAt) {
    this.tenantId = tenantId;
    this.actor = actor;
    this.action = action;
    this.targetType = targetType;
    this.targetId = targetId;
    this.details = details;
    this.occurredAt = occurredAt;
  }

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
}
