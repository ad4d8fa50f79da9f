package io.fileparser.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A client organisation. Every stored file, job, key and audit record belongs to exactly one. */
@Entity
@Table(name = "tenants")
public class Tenant {

  @Id
  @Column(length = 64)
  private String id;

  @Column(nullable = false, length = 32)
  private String tier;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** What happens to an upload the virus scanner flags: {@code reject} or {@code quarantine}. */
  @Convert(converter = ScanPolicy.ByStoredName.class)
  @Column(name = "scan_policy", nullable = false, length = 16)
  private ScanPolicy scanPolicy = ScanPolicy.REJECT;

  /** Whether PDFs with JavaScript or launch actions are accepted (refused by default). */
  @Column(name = "allow_pdf_active_content", nullable = false)
  private boolean allowPdfActiveContent;

  /** A disabled tenant's callers are refused and its work is not dispatched. */
  @Column(nullable = false)
  private boolean enabled = true;

  /** Uploads streaming at once; null: the tier's cap. */
  @Column(name = "max_concurrent_uploads")
  private Integer maxConcurrentUploads;

  /** Jobs in flight at once (pushed to the broker, not finished); null: the tier's limit. */
  @Column(name = "max_jobs_in_flight")
  private Integer maxJobsInFlight;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Tenant() {}

  public Tenant(String id, String tier, Instant createdAt) {
    this.id = id;
    this.tier = tier;
    this.createdAt = createdAt;
  }

  public String getId() {
    return id;
  }

  public String getTier() {
    return tier;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public ScanPolicy getScanPolicy() {
    return scanPolicy;
  }

  public boolean isAllowPdfActiveContent() {
    return allowPdfActiveContent;
  }

  public void setScanPolicy(ScanPolicy scanPolicy) {
    this.scanPolicy = scanPolicy;
  }

  public void setAllowPdfActiveContent(boolean allow) {
    this.allowPdfActiveContent = allow;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public Integer getMaxConcurrentUploads() {
    return maxConcurrentUploads;
  }

  public Integer getMaxJobsInFlight() {
    return maxJobsInFlight;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setTier(String tier) {
    this.tier = tier;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public void setMaxConcurrentUploads(Integer maxConcurrentUploads) {
    this.maxConcurrentUploads = maxConcurrentUploads;
  }

  public void setMaxJobsInFlight(Integer maxJobsInFlight) {
    this.maxJobsInFlight = maxJobsInFlight;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}
