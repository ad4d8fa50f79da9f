package io.fileparser.backtests.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A back-test of a draft template version against the current one on the tenant's recent files of
 * that template. {@link State#RUNNING} until the worker's answer is collected.
 */
@Entity
@Table(name = "template_backtests")
public class TemplateBacktest {

  /** Where a back-test stands. */
  public enum State {
    RUNNING,
    COMPLETED,
    FAILED
  }

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(name = "template_id", nullable = false)
  private UUID templateId;

  @Column(nullable = false)
  private int version;

  @Column(name = "against_version", nullable = false)
  private int againstVersion;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private State state;

  @Column(name = "task_id", nullable = false)
  private UUID taskId;

  @Column(nullable = false)
  private int files;

  /** The worker's comparison as JSON text; the database holds it as jsonb. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "cast(? as jsonb)")
  private String result;

  @Column(length = 2000)
  private String error;

  @Column(name = "created_by", nullable = false, length = 200)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected TemplateBacktest() {}

  /** A running back-test of {@code version} against {@code againstVersion} on {@code files}. */
  public TemplateBacktest(
      UUID id,
      String tenantId,
      UUID templateId,
      int version,
      int againstVersion,
      UUID taskId,
      int files,
      String createdBy,
      Instant createdAt) {
    this.id = Objects.requireNonNull(id);
    this.tenantId = Objects.requireNonNull(tenantId);
    this.templateId = Objects.requireNonNull(templateId);
    this.version = version;
    this.againstVersion = againstVersion;
    this.state = State.RUNNING;
    this.taskId = Objects.requireNonNull(taskId);
    this.files = files;
    this.createdBy = Objects.requireNonNull(createdBy);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  /** The worker's comparison arrived. */
  public void complete(String result, Instant at) {
    this.state = State.COMPLETED;
    this.result = Objects.requireNonNull(result);
    this.finishedAt = at;
  }

  /** It cannot finish: the worker failed, or none answered in time. */
  public void fail(String why, Instant at) {
    this.state = State.FAILED;
    this.error = why.length() > 2000 ? why.substring(0, 2000) : why;
    this.finishedAt = at;
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public UUID getTemplateId() {
    return templateId;
  }

  public int getVersion() {
    return version;
  }

  public int getAgainstVersion() {
    return againstVersion;
  }

  public State getState() {
    return state;
  }

  public UUID getTaskId() {
    return taskId;
  }

  public int getFiles() {
    return files;
  }

  public String getResult() {
    return result;
  }

  public String getError() {
    return error;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }
}
