package io.fileparser.resumable;

import io.fileparser.resumable.entity.ResumableUpload;
import io.fileparser.resumable.entity.UploadMultipart;
import io.fileparser.resumable.entity.UploadPart;
import io.fileparser.storage.PartedStaging;
import io.fileparser.storage.StagedObject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of uploads whose chunks go into a multipart staging object ({@link PartedStaging}): its
 * id, its parts' ETags and the local buffer of what does not fill a part yet. Each change is one
 * short transaction, and a chunk's parts, buffer and the upload's new offset commit together: the
 * offset never counts a byte that is neither in a recorded part nor in the recorded buffer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MultipartLedger {

  @PersistenceContext EntityManager em;

  /** What an upload has in its multipart staging object. */
  public record Multipart(
      PartedStaging.Started started,
      boolean assembled,
      StagedObject buffer,
      List<PartedStaging.Part> parts) {

    /** The number the next part gets. */
    int nextPart() {
      return parts.size() + 1;
    }

    /** The bytes in parts and buffer. */
    long size() {
      return parts.stream().mapToLong(PartedStaging.Part::size).sum()
          + (buffer == null ? 0 : buffer.size());
    }
  }

  public Optional<Multipart> find(UUID uploadId) {
    return Optional.ofNullable(em.find(UploadMultipart.class, uploadId)).map(this::multipart);
  }

  /** Records a multipart upload just started for an upload that had none. */
  public Multipart start(UUID uploadId, PartedStaging.Started started, Instant at) {
    em.persist(new UploadMultipart(uploadId, started.key(), started.uploadId(), at));
    return new Multipart(started, false, null, List.of());
  }

  /**
   * Counts a chunk that starts at {@code offset}: the parts it filled and the buffer that now holds
   * the bytes short of a part (null: none). The caller holds the upload's lock.
   *
   * @param startedNow the staging object this chunk started, recorded with it (one transaction for
   *     an upload's first chunk, and none for a staging object whose chunk never counted: the
   *     staging cleanup removes that); null when the upload had one
   */
  public UploadStatus recordChunk(
      UUID uploadId,
      long offset,
      long size,
      PartedStaging.Started startedNow,
      List<PartedStaging.Part> parts,
      StagedObject buffer,
      byte[] digestState,
      double bytesPerSecond,
      Instant at) {
    ResumableUpload upload =
        em.find(ResumableUpload.class, uploadId, LockModeType.PESSIMISTIC_WRITE);
    // The Redis lock keeps writers apart; this is the last word should it ever have expired.
    OffsetRules.requireOffset(upload.getOffset(), offset);
    upload.append(size, digestState, bytesPerSecond, at);
    UploadMultipart multipart;
    if (startedNow != null) {
      multipart = new UploadMultipart(uploadId, startedNow.key(), startedNow.uploadId(), at);
      em.persist(multipart);
    } else {
      multipart = em.find(UploadMultipart.class, uploadId, LockModeType.PESSIMISTIC_WRITE);
    }
    record(multipart, parts, buffer);
    return UploadStatus.from(upload);
  }

  /** Records parts and the buffer without moving the offset (the buffer sent as the last part). */
  public void record(UUID uploadId, List<PartedStaging.Part> parts, StagedObject buffer) {
    record(em.find(UploadMultipart.class, uploadId, LockModeType.PESSIMISTIC_WRITE), parts, buffer);
  }

  private void record(
      UploadMultipart multipart, List<PartedStaging.Part> parts, StagedObject buffer) {
    UUID uploadId = multipart.getUploadId();
    for (PartedStaging.Part part : parts) {
      em.persist(new UploadPart(uploadId, part.number(), part.size(), part.etag()));
    }
    if (buffer == null) {
      multipart.buffer(null, 0);
    } else {
      multipart.buffer(buffer.key(), buffer.size());
    }
  }

  /** The parts were joined into the staged object. */
  public void assembled(UUID uploadId) {
    em.find(UploadMultipart.class, uploadId, LockModeType.PESSIMISTIC_WRITE).assemble();
    em.createQuery("delete from UploadPart p where p.uploadId = :id")
        .setParameter("id", uploadId)
        .executeUpdate();
  }

  /** Forgets the upload's multipart rows (after its parts were aborted or joined and used). */
  public void forget(UUID uploadId) {
    em.createQuery("delete from UploadPart p where p.uploadId = :id")
        .setParameter("id", uploadId)
        .executeUpdate();
    em.createQuery("delete from UploadMultipart m where m.uploadId = :id")
        .setParameter("id", uploadId)
        .executeUpdate();
  }

  /**
   * Uploads past their expiry, or finished (completed, failed, terminated), that still have a
   * multipart staging object: its parts are stored, and billed, until it is aborted.
   */
  public List<UUID> leftBehind(Instant now, int limit) {
    return em.createQuery(
            "select m.uploadId from UploadMultipart m, ResumableUpload u where u.id = m.uploadId"
                + " and (u.expiresAt < :now or u.state <> 'receiving') order by u.expiresAt",
            UUID.class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList();
  }

  private Multipart multipart(UploadMultipart row) {
    List<PartedStaging.Part> parts =
        em.createNamedQuery(UploadPart.OF_UPLOAD, UploadPart.class)
            .setParameter("uploadId", row.getUploadId())
            .getResultStream()
            .map(p -> new PartedStaging.Part(p.getPartNumber(), p.getSize(), p.getEtag()))
            .toList();
    return new Multipart(
        new PartedStaging.Started(row.getStagedKey(), row.getMultipartId()),
        row.isAssembled(),
        row.getBufferKey() == null
            ? null
            : new StagedObject(row.getBufferKey(), row.getBufferSize()),
        parts);
  }
}
