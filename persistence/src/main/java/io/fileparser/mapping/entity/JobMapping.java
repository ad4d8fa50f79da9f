package io.fileparser.mapping.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The mapping of one job's columns to template fields: the draft as a person sent it, the template
 * document built from it, and the column choices (header, field, sample values) the tenant's
 * suggestions learn from once approved. Drafts and submissions may change until an admin decides; a
 * decision is final.
 */
@Entity
@Table(name = "job_mappings")
public class JobMapping {

  @Id
  @Column(name = "job_id")
  private UUID jobId;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private MappingState state;

  /** The request body as the person sent it (JSON). */
  @Column(nullable = false, columnDefinition = "text")
  private String draft;

  /** The template document the draft makes (JSON, docs/template-format.md). */
  @Column(nullable = false, columnDefinition = "text")
  private String document;

  /** {@code [{"header", "field", "values"}]} (JSON): what each mapped column was taken for. */
  @Column(nullable = false, columnDefinition = "text")
  private String choices;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_by", nullable = false, length = 200)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "submitted_at")
  private Instant submittedAt;

  @Column(name = "decided_by", length = 200)
  private String decidedBy;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(length = 2000)
  private String reason;

  @Column(name = "saved_template_id")
  private UUID savedTemplateId;

  @Column(name = "saved_template_version")
  private Integer savedTemplateVersion;

  @Version
  @Column(name = "row_version")
  private long rowVersion;

  protected JobMapping() {}

  /** A job's first draft. */
  public JobMapping(
      UUID jobId,
      String tenantId,
      String draft,
      String document,
      String choices,
      String by,
      Instant at) {
    this.jobId = Objects.requireNonNull(jobId);
    this.tenantId = Objects.requireNonNull(tenantId);
    this.state = MappingState.DRAFT;
    this.createdAt = at;
    draft(draft, document, choices, by, at);
  }

  /** Replaces the draft; a submitted mapping that is edited is a draft again. */
  public void draft(String draft, String document, String choices, String by, Instant at) {
    requireOpen("edit");
    this.draft = Objects.requireNonNull(draft);
    this.document = Objects.requireNonNull(document);
    this.choices = Objects.requireNonNull(choices);
    this.state = MappingState.DRAFT;
    this.submittedAt = null;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  /** The draft was checked against the sample rows and has no problems. */
  public void submit(String by, Instant at) {
    requireOpen("submit");
    this.state = MappingState.SUBMITTED;
    this.submittedAt = at;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  public void approve(String by, Instant at, UUID templateId, Integer templateVersion) {
    if (state != MappingState.SUBMITTED) {
      throw new IllegalStateException("mapping of job " + jobId + " is " + state);
    }
    this.state = MappingState.APPROVED;
    this.decidedBy = by;
    this.decidedAt = at;
    this.savedTemplateId = templateId;
    this.savedTemplateVersion = templateId == null ? null : templateVersion;
    this.updatedAt = at;
  }

  public void reject(String by, Instant at, String reason) {
    requireOpen("reject");
    this.state = MappingState.REJECTED;
    this.decidedBy = by;
    this.decidedAt = at;
    this.reason = reason;
    this.updatedAt = at;
  }

  private void requireOpen(String what) {
    if (state.isDecided()) {
      throw new IllegalStateException(
          "mapping of job " + jobId + " is " + state + " and cannot " + what);
    }
  }

  public UUID getJobId() {
    return jobId;
  }

  public String getTenantId() {
    return tenantId;
  }

  public MappingState getState() {
    return state;
  }

  public String getDraft() {
    return draft;
  }

  public String getDocument() {
    return document;
  }

  public String getChoices() {
    return choices;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Instant getSubmittedAt() {
    return submittedAt;
  }

  public String getDecidedBy() {
    return decidedBy;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public String getReason() {
    return reason;
  }

  public UUID getSavedTemplateId() {
    return savedTemplateId;
  }

  public Integer getSavedTemplateVersion() {
    return savedTemplateVersion;
  }
}
