package io.fileparser.resumable.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One part of an upload's multipart staging object: its number, size and the store's ETag. */
@Entity
@Table(name = "resumable_parts")
@IdClass(UploadPart.Key.class)
@NamedQuery(
    name = UploadPart.OF_UPLOAD,
    query = "select p from UploadPart p where p.uploadId = :uploadId order by p.partNumber")
public class UploadPart {

  public static final String OF_UPLOAD = "UploadPart.ofUpload";

  /** The primary key: the upload and the part's number. */
  public static class Key implements Serializable {
    private UUID uploadId;
    private int partNumber;

    public Key() {}

    public Key(UUID uploadId, int partNumber) {
      this.uploadId = uploadId;
      this.partNumber = partNumber;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && partNumber == key.partNumber
          && Objects.equals(uploadId, key.uploadId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(uploadId, partNumber);
    }
  }

  @Id
  @Column(name = "upload_id")
  private UUID uploadId;

  @Id
  @Column(name = "part_number")
  private int partNumber;

  @Column(nullable = false, updatable = false)
  private long size;

  @Column(nullable = false, length = 1024, updatable = false)
  private String etag;

  protected UploadPart() {}

  public UploadPart(UUID uploadId, int partNumber, long size, String etag) {
    this.uploadId = uploadId;
    this.partNumber = partNumber;
    this.size = size;
    this.etag = etag;
  }

  public UUID getUploadId() {
    return uploadId;
  }

  public int getPartNumber() {
    return partNumber;
  }

  public long getSize() {
    return size;
  }

  public String getEtag() {
    return etag;
  }
}
