package io.fileparser.resumable.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** One accepted chunk of a resumable upload: a staged object holding its bytes. */
@Entity
@Table(name = "resumable_segments")
@NamedQuery(
    name = UploadSegment.OF_UPLOAD,
    query = "select s from UploadSegment s where s.uploadId = :uploadId order by s.startOffset")
public class UploadSegment {

  public static final String OF_UPLOAD = "UploadSegment.ofUpload";

  @Id private UUID id;

  @Column(name = "upload_id", nullable = false, updatable = false)
  private UUID uploadId;

  @Column(name = "start_offset", nullable = false, updatable = false)
  private long startOffset;

  @Column(nullable = false, updatable = false)
  private long size;

  @Column(name = "staged_key", nullable = false, length = 200, updatable = false)
  private String stagedKey;

  protected UploadSegment() {}

  public UploadSegment(UUID uploadId, long startOffset, long size, String stagedKey) {
    this.id = UUID.randomUUID();
    this.uploadId = uploadId;
    this.startOffset = startOffset;
    this.size = size;
    this.stagedKey = stagedKey;
  }

  public UUID getUploadId() {
    return uploadId;
  }

  public long getStartOffset() {
    return startOffset;
  }

  public long getSize() {
    return size;
  }

  public String getStagedKey() {
    return stagedKey;
  }
}
