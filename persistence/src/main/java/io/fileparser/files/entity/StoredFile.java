package io.fileparser.files.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
@NamedQuery(
    name = StoredFile.PENDING_SCAN,
    query =
        "select f from StoredFile f where f.scanStatus = io.fileparser.files.entity.ScanStatus.PENDING order by f.createdAt")
public class StoredFile {

  public static final String BY_HASH = "StoredFile.byHash";
  public static final String PENDING_SCAN = "StoredFile.pendingScan";

  @Id private UUID id;

  @Column(name = "tenant_id", nullable = false, length = 64)
  private String tenantId;

  @Column(nullable = false, length = 64)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(name = "mime_type", nullable = false, length = 127)
  private String mimeType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private FileFormat format;

  @Column(name = "storage_uri", nullable = false, length = 2048)
  private String storageUri;

  @Column(name = "original_filename", nullable = false, length = 255)
  private String originalFilename;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "scan_status", nullable = false, length = 16)
  private ScanStatus scanStatus = ScanStatus.CLEAN;

  @Column(name = "scan_signature", length = 200)
  private String scanSignature;

  @Column(name = "scanned_at")
  private Instant scannedAt;

  /** Where the bytes wait while the scan is pending; null once placed. */
  @Column(name = "staging_key", length = 200)
  private String stagingKey;

  /** What deep validation found (pages, rows, encoding...), as JSON. */
  @Column(name = "validation_facts", columnDefinition = "text")
  private String validationFacts;

  protected StoredFile() {}

  public StoredFile(
      UUID id,
      String tenantId,
      String sha256,
      long sizeBytes,
      String mimeType,
      FileFormat format,
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

  public FileFormat getFormat() {
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

  public ScanStatus getScanStatus() {
    return scanStatus;
  }

  public String getScanSignature() {
    return scanSignature;
  }

  public Instant getScannedAt() {
    return scannedAt;
  }

  public String getStagingKey() {
    return stagingKey;
  }

  /** The bytes wait in staging for the scanner. */
  public void awaitScan(String stagingKey) {
    this.stagingKey = stagingKey;
    this.scanStatus = ScanStatus.PENDING;
  }

  /** The scanner decided; the bytes are now at {@code storageUri} (or gone, if null). */
  public void placeAfterScan(ScanStatus status, String signature, String storageUri, Instant at) {
    this.scanStatus = status;
    this.scanSignature = signature;
    this.scannedAt = at;
    this.stagingKey = null;
    if (storageUri != null) {
      this.storageUri = storageUri;
    }
  }

  public String getValidationFacts() {
    return validationFacts;
  }

  public void recordScan(ScanStatus status, String signature, Instant at) {
    this.scanStatus = status;
    this.scanSignature = signature;
    this.scannedAt = at;
  }

  public void recordValidation(String factsJson) {
    this.validationFacts = factsJson;
  }

  /** The file moved (to quarantine, say). */
  public void relocate(String storageUri) {
    this.storageUri = storageUri;
  }
}
