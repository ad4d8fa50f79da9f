package io.fileparser.resumable.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The multipart staging object a resumable upload's chunks go into, part by part, and the encrypted
 * local buffer holding the bytes that do not fill a part yet.
 */
@Entity
@Table(name = "resumable_multipart")
public class UploadMultipart {

  @Id
  @Column(name = "upload_id")
  private UUID uploadId;

  @Column(name = "staged_key", nullable = false, length = 200, updatable = false)
  private String stagedKey;

  @Column(name = "multipart_id", nullable = false, length = 1024, updatable = false)
  private String multipartId;

  @Column(nullable = false)
  private boolean assembled;

  @Column(name = "buffer_key", length = 200)
  private String bufferKey;

  @Column(name = "buffer_size", nullable = false)
  private long bufferSize;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected UploadMultipart() {}

  public UploadMultipart(UUID uploadId, String stagedKey, String multipartId, Instant createdAt) {
    this.uploadId = uploadId;
    this.stagedKey = stagedKey;
    this.multipartId = multipartId;
    this.createdAt = createdAt;
  }

  /** The bytes short of a part are now in {@code key} ({@code size} of them; null and 0: none). */
  public void buffer(String key, long size) {
    if ((key == null) != (size == 0)) {
      throw new IllegalArgumentException("a buffer has a key exactly when it has bytes");
    }
    this.bufferKey = key;
    this.bufferSize = size;
  }

  /** The parts were joined into the staged object. */
  public void assemble() {
    this.assembled = true;
    buffer(null, 0);
  }

  public UUID getUploadId() {
    return uploadId;
  }

  public String getStagedKey() {
    return stagedKey;
  }

  public String getMultipartId() {
    return multipartId;
  }

  public boolean isAssembled() {
    return assembled;
  }

  public String getBufferKey() {
    return bufferKey;
  }

  public long getBufferSize() {
    return bufferSize;
  }
}
