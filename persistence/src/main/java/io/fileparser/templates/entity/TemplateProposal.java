package io.fileparser.templates.entity;

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
import org.hibernate.annotations.ColumnTransformer;

/**
 * A layout no template fits, seen in the tenant's jobs: one row per tenant and layout fingerprint,
 * with the column profile of the first job and a proposed template document. Created and counted by
 * SQL upserts (concurrent results of the same layout meet on the unique fingerprint); decided once,
 * by an admin.
 */
@Entity
@Table(name = "template_proposals")
public class TemplateProposal {

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, length = 64)
  private String fingerprint;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ProposalState state;

  @Column(nullable = false, length = 8)
  private String format;

  /**
   * {@code {hasHeader, delimiter, columns: [{index, name, inferredType, examples}], sampleRows}}.
   */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "cast(? as jsonb)")
  private String profile;

  /** The proposed template document (docs/template-format.md), as made or as an admin edited it. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "cast(? as jsonb)")
  private String document;

  @Column(nullable = false)
  private int sightings;

  @Column(name = "first_job_id", nullable = false)
  private UUID firstJobId;

  @Column(name = "first_seen_at", nullable = false)
  private Instant firstSeenAt;

  @Column(name = "last_seen_at", nullable = false)
  private Instant lastSeenAt;

  @Column(name = "updated_by", length = 200)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "decided_by", length = 200)
  private String decidedBy;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(length = 2000)
  private String reason;

  @Column(name = "template_id")
  private UUID templateId;

  @Column(name = "template_version")
  private Integer templateVersion;

  @Version
  @Column(name = "row_version", nullable = false)
  private long rowVersion;

  protected TemplateProposal() {}

  public boolean isOpen() {
    return state == ProposalState.DISCOVERED;
  }

  /** An admin's edit of the proposed document. */
  public void edit(String document, String by, Instant at) {
    requireOpen();
    this.document = Objects.requireNonNull(document);
    this.updatedBy = by;
    this.updatedAt = at;
  }

  /** Made into (or matched by) version {@code version} of template {@code templateId}. */
  public void approve(String by, Instant at, UUID templateId, int version) {
    requireOpen();
    this.state = ProposalState.APPROVED;
    this.decidedBy = by;
    this.decidedAt = at;
    this.templateId = Objects.requireNonNull(templateId);
    this.templateVersion = version;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  public void reject(String by, Instant at, String reason) {
    requireOpen();
    this.state = ProposalState.REJECTED;
    this.decidedBy = by;
    this.decidedAt = at;
    this.reason = reason;
    this.updatedBy = by;
    this.updatedAt = at;
  }

  private void requireOpen() {
    if (!isOpen()) {
      throw new IllegalStateException("proposal " + id + " is " + state);
    }
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public ProposalState getState() {
    return state;
  }

  public String getFormat() {
    return format;
  }

  public String getProfile() {
    return profile;
  }

  public String getDocument() {
    return document;
  }

  public int getSightings() {
    return sightings;
  }

  public UUID getFirstJobId() {
    return firstJobId;
  }

  public Instant getFirstSeenAt() {
    return firstSeenAt;
  }

  public Instant getLastSeenAt() {
    return lastSeenAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
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

  public UUID getTemplateId() {
    return templateId;
  }

  public Integer getTemplateVersion() {
    return templateVersion;
  }
}
