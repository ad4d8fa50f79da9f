package io.fileparser.jobcontrol.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A bulk operation run in batches: what to do ({@code action}, {@code priority}, {@code dryRun}),
 * whose rights apply to every item (the requesting caller's subject, roles and how it signed in),
 * and how far it got. {@code RUNNING} until every item has an outcome, then {@code COMPLETED}.
 */
@Entity
@Table(name = "bulk_operations")
public class BulkOperation {

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, length = 16)
  private String action;

  @Column private Short priority;

  @Column(name = "dry_run", nullable = false)
  private boolean dryRun;

  @Column(name = "requested_by", nullable = false, length = 200)
  private String requestedBy;

  /** Comma-separated. */
  @Column(name = "caller_roles", nullable = false, length = 200)
  private String callerRoles;

  @Column(name = "caller_method", nullable = false, length = 16)
  private String callerMethod;

  @Column(nullable = false, length = 16)
  private String state;

  @Column(nullable = false)
  private int total;

  @Column(nullable = false)
  private int done;

  @Column(nullable = false)
  private int skipped;

  @Column(nullable = false)
  private int failed;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected BulkOperation() {}

  public BulkOperation(
      UUID id,
      String tenantId,
      String action,
      Integer priority,
      boolean dryRun,
      String requestedBy,
      String callerRoles,
      String callerMethod,
      int total,
      Instant createdAt) {
    this.id = id;
    this.tenantId = tenantId;
    this.action = action;
    this.priority = priority == null ? null : priority.shortValue();
    this.dryRun = dryRun;
    this.requestedBy = requestedBy;
    this.callerRoles = callerRoles;
    this.callerMethod = callerMethod;
    this.state = RUNNING;
    this.total = total;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** Counts one item's outcome ({@code DONE}, {@code SKIPPED} or {@code FAILED}). */
  public void count(String outcome, Instant at) {
    switch (outcome) {
      case BulkItem.DONE -> done++;
      case BulkItem.SKIPPED -> skipped++;
      default -> failed++;
    }
    this.updatedAt = at;
  }

  /** Every item has its outcome. */
  public void finish(Instant at) {
    this.state = COMPLETED;
    this.updatedAt = at;
    this.finishedAt = at;
  }

  public boolean isRunning() {
    return RUNNING.equals(state);
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getAction() {
    return action;
  }

  public Integer getPriority() {
    return priority == null ? null : priority.intValue();
  }

  public boolean isDryRun() {
    return dryRun;
  }

  public String getRequestedBy() {
    return requestedBy;
  }

  public String getCallerRoles() {
    return callerRoles;
  }

  public String getCallerMethod() {
    return callerMethod;
  }

  public String getState() {
    return state;
  }

  public int getTotal() {
    return total;
  }

  public int getDone() {
    return done;
  }

  public int getSkipped() {
    return skipped;
  }

  public int getFailed() {
    return failed;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }
}
