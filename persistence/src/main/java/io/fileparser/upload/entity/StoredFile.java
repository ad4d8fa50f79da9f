package io.fileparser.upload.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The bytes of one upload as the store holds them. Unique per (tenant, SHA-256): a second upload of
 * the same content points at this row instead of storing the bytes again.
 */
@Entity
@Table(name = "stored_files")
@NamedQuery(
    name = StoredFile.BY_HASH,
    query = "select f from StoredFile f where f.tenantId = :tenantId and f.sha256 = :sha256")
public class StoredFile {

  public static final String BY_HASH = "StoredFile.byHash";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, length = 64)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "mime_type", nullable = false, length = 127)
  private String mimeType;

  @Column(nullable = false, length = 16)
  private String format;

  @Column(name = "storage_uri", nullable = false, length = 2048)
  private String storageUri;

  @Column(name = "original_filename", nullable = false, length = 255)
  private String originalFilename;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected StoredFile() {}

  public StoredFile(
      UUID id,
      String tenantId,
      String sha256,
      long sizeBytes,
      String mimeType,
      String format,
      String storageUri,
      String originalFilename,
      Instant createdAt) {
    this.id = id;
    this.tenantId = tenantId;
    this.sha256 = sha256;
    this.sizeBytes = sizeBytes;
    this.mimeType = mimeType;
    this.format = format;
    this.storageUri = storageUri;
    this.originalFilename = originalFilename;
    this.createdAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public String getTenantId() {
    return tenantId;
  }

  public String getSha256() {
    return sha256;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public String getMimeType() {
    return mimeType;
  }

  public String getFormat() {
    return format;
  }

  public String getStorageUri() {
    return storageUri;
  }

  public String getOriginalFilename() {
    return originalFilename;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
