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

/**
 * A template of a tenant, or a system template (no tenant, a {@code key}) that every tenant may
 * read and none may change. Points at its current published version; its versions are {@link
 * TemplateVersion} rows.
 */
@Entity
@Table(name = "templates")
public class Template {

  @Id private UUID id;

  /** Null for a system template. */
  @Column(name = "tenant_id", length = 64)
  private String tenantId;

  @Column(name = "template_key", length = 64)
  private String key;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(nullable = false, length = 8)
  private String format;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private TemplateState state;

  @Column(name = "current_version")
  private Integer currentVersion;

  @Column(name = "latest_version", nullable = false)
  private int latestVersion;

  @Column(name = "created_by", nullable = false, length = 200)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "row_version", nullable = false)
  private long rowVersion;

  protected Template() {}

  public Template(
      UUID id,
      String tenantId,
      String key,
      String name,
      String format,
      String createdBy,
      Instant createdAt) {
    if ((tenantId == null) == (key == null)) {
      throw new IllegalArgumentException("a template has a tenant or a key, not both or neither");
    }
    this.id = Objects.requireNonNull(id);
    this.tenantId = tenantId;
    this.key = key;
    this.name = Objects.requireNonNull(name);
    this.format = Objects.requireNonNull(format);
    this.state = TemplateState.ACTIVE;
    this.latestVersion = 0;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** The number the next new version gets. */
  public int nextVersion(Instant at) {
    latestVersion++;
    updatedAt = at;
    return latestVersion;
  }

  /** Makes {@code version} the one in use; its name and format become the template's. */
  public void publish(int version, String name, String format, Instant at) {
    this.currentVersion = version;
    describe(name, format, at);
  }

  /**
   * The name and format the template shows: its current version's, or its draft's while nothing is
   * published.
   */
  public void describe(String name, String format, Instant at) {
    this.name = Objects.requireNonNull(name);
    this.format = Objects.requireNonNull(format);
    this.updatedAt = at;
  }

  public void archive(Instant at) {
    this.state = TemplateState.ARCHIVED;
    this.updatedAt = at;
  }

  public boolean isSystem() {
    return tenantId == null;
  }

  public boolean isArchived() {
    return state == TemplateState.ARCHIVED;
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getKey() {
    return key;
  }

  public String getName() {
    return name;
  }

  public String getFormat() {
    return format;
  }

  public TemplateState getState() {
    return state;
  }

  public Integer getCurrentVersion() {
    return currentVersion;
  }

  public int getLatestVersion() {
    return latestVersion;
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
