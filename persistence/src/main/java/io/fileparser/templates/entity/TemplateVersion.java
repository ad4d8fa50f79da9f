package io.fileparser.templates.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * Version n of a template: one JSON document (see docs/template-format.md), stored as jsonb. Only a
 * {@link VersionState#DRAFT} changes (an edit replaces it); publishing freezes it.
 */
@Entity
@Table(name = "template_versions")
@IdClass(TemplateVersion.Key.class)
public class TemplateVersion {

  /** The primary key: template and number. */
  public static class Key implements Serializable {
    private UUID templateId;
    private int version;

    protected Key() {}

    public Key(UUID templateId, int version) {
      this.templateId = templateId;
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.version == version && Objects.equals(k.templateId, templateId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(templateId, version);
    }
  }

  @Id
  @Column(name = "template_id")
  private UUID templateId;

  @Id private int version;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private VersionState state;

  /** The document's JSON text; the database holds it as jsonb (key order is not kept). */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "cast(? as jsonb)")
  private String document;

  @Column(name = "created_by", nullable = false, length = 200)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "published_by", length = 200)
  private String publishedBy;

  @Column(name = "published_at")
  private Instant publishedAt;

  protected TemplateVersion() {}

  /** A new draft. */
  public TemplateVersion(
      UUID templateId, int version, String document, String createdBy, Instant createdAt) {
    this.templateId = Objects.requireNonNull(templateId);
    this.version = version;
    this.state = VersionState.DRAFT;
    this.document = Objects.requireNonNull(document);
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  /** An edit of the open draft: its document replaced, its author the editor. */
  public void replaceDraft(String document, String editor, Instant at) {
    if (state != VersionState.DRAFT) {
      throw new IllegalStateException("version " + version + " is " + state + ", not a draft");
    }
    this.document = Objects.requireNonNull(document);
    this.createdBy = editor;
    this.createdAt = at;
  }

  public void publish(String publisher, Instant at) {
    if (state != VersionState.DRAFT) {
      throw new IllegalStateException("version " + version + " is " + state + ", not a draft");
    }
    this.state = VersionState.PUBLISHED;
    this.publishedBy = publisher;
    this.publishedAt = at;
  }

  public void supersede() {
    if (state == VersionState.PUBLISHED) {
      this.state = VersionState.SUPERSEDED;
    }
  }

  public boolean isDraft() {
    return state == VersionState.DRAFT;
  }

  public UUID getTemplateId() {
    return templateId;
  }

  public int getVersion() {
    return version;
  }

  public VersionState getState() {
    return state;
  }

  public String getDocument() {
    return document;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getPublishedBy() {
    return publishedBy;
  }

  public Instant getPublishedAt() {
    return publishedAt;
  }
}
