package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.resumable.entity.ConcatPart;
import io.fileparser.resumable.entity.ResumableUpload;
import io.fileparser.resumable.entity.UploadSegment;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.TenantRegistry;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.UploadOptions;
import io.fileparser.workflow.WorkflowOptions;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows of resumable uploads, each change one short transaction: the bytes stream in between
 * them, outside any transaction. A chunk counts once its row is committed; a staged chunk whose row
 * never was is removed by whoever staged it, or by the staging cleanup after a crash.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ResumableLedger {

  /** An upload as the service needs it: its view plus what the view does not show. */
  public record Stored(
      UploadStatus status, byte[] digestState, String filetype, UploadOptions options) {}

  @PersistenceContext EntityManager em;
  @Inject TenantRegistry tenants;

  public UploadStatus create(
      Caller caller,
      UUID id,
      NewUpload upload,
      byte[] digestState,
      Instant now,
      Instant expiresAt) {
    tenants.ensure(caller.tenantId());
    ResumableUpload entity =
        newUpload(caller, id, upload, upload.length(), digestState, now, expiresAt);
    if (upload.partial()) {
      entity.concatenation(ResumableUpload.PARTIAL);
    }
    em.persist(entity);
    return UploadStatus.from(entity);
  }

  /**
   * Creates a final upload joining {@code partialIds} in order, each consumed by it from now on.
   * Its length is theirs added up when they are all known; it expires with the first of them.
   *
   * @throws ProblemException {@code upload_not_found} for a partial the caller cannot see, {@code
   *     upload_gone} for one expired or terminated, {@code invalid_request} for an upload that is
   *     not partial or a partial that failed, {@code partial_upload_consumed} for one that another
   *     final upload joins already
   */
  public UploadStatus createFinal(
      Caller caller,
      UUID id,
      NewUpload upload,
      List<UUID> partialIds,
      long maxBytes,
      byte[] digestState,
      Instant now,
      Instant expiresAt) {
    tenants.ensure(caller.tenantId());
    Long length = 0L;
    Instant expiry = expiresAt;
    List<ResumableUpload> partials = new ArrayList<>();
    for (UUID partialId : partialIds) {
      ResumableUpload partial = visible(caller, partialId);
      em.lock(partial, LockModeType.PESSIMISTIC_WRITE);
      ConcatRules.requireJoinable(UploadStatus.from(partial), now);
      if (em.find(ConcatPart.class, partialId) != null) {
        throw new ProblemException(
            ProblemType.PARTIAL_UPLOAD_CONSUMED,
            "the partial upload " + partialId + " is joined by another final upload already",
            Map.of("partial", partialId));
      }
      length = length == null || partial.getLength() == null ? null : length + partial.getLength();
      expiry = partial.getExpiresAt().isBefore(expiry) ? partial.getExpiresAt() : expiry;
      partials.add(partial);
    }
    if (length != null) {
      OffsetRules.requireLength(length, 0, maxBytes);
    }
    ResumableUpload entity = newUpload(caller, id, upload, length, digestState, now, expiry);
    entity.concatenation(ResumableUpload.FINAL);
    em.persist(entity);
    for (int i = 0; i < partials.size(); i++) {
      em.persist(new ConcatPart(id, i, partials.get(i).getId()));
    }
    return UploadStatus.from(entity)
        .withPartials(partials.stream().map(UploadStatus::from).toList());
  }

  /**
   * The upload if the caller may see it: of the caller's tenant, and the caller's own unless an
   * admin or owner asks.
   *
   * @throws ProblemException {@code upload_not_found} otherwise (another tenant's id is unknown)
   */
  public Stored find(Caller caller, UUID id) {
    return stored(visible(caller, id));
  }

  /** The upload whoever asks; for the service's own work (finishing a final upload). */
  public Stored find(UUID id) {
    ResumableUpload upload = em.find(ResumableUpload.class, id);
    if (upload == null) {
      throw new ProblemException(ProblemType.UPLOAD_NOT_FOUND, "no resumable upload " + id);
    }
    return stored(upload);
  }

  /** The partials of a final upload, in order. */
  public List<UploadStatus> partials(UUID finalId) {
    return em.createNamedQuery(ConcatPart.OF_FINAL, ConcatPart.class)
        .setParameter("finalId", finalId)
        .getResultStream()
        .map(part -> UploadStatus.from(em.find(ResumableUpload.class, part.getPartialId())))
        .toList();
  }

  /** The final upload that joins a partial, if one does yet. */
  public Optional<UUID> finalOf(UUID partialId) {
    ConcatPart part = em.find(ConcatPart.class, partialId);
    return part == null ? Optional.empty() : Optional.of(part.getFinalId());
  }

  /** A partial upload received its last byte: it keeps its chunks for its final upload. */
  public UploadStatus completePartial(UUID id, String sha256, Instant at) {
    ResumableUpload upload = em.find(ResumableUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
    upload.completePartial(sha256, at);
    return UploadStatus.from(upload);
  }

  /**
   * A final upload made a job: it is complete at the joined length; its partials' chunks are
   * forgotten (the caller removes them after the commit).
   */
  public UploadStatus completeFinal(
      UUID id, long joinedLength, UUID jobId, String sha256, Instant at) {
    ResumableUpload upload = em.find(ResumableUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
    upload.completeConcatenation(joinedLength, jobId, sha256, at);
    List<UploadStatus> partials = partials(id);
    partials.forEach(partial -> dropSegments(partial.id()));
    return UploadStatus.from(upload).withPartials(partials);
  }

  /** A final upload the pipeline refused, or whose partial went away; its partials' chunks too. */
  public UploadStatus failFinal(UUID id, ProblemException problem, String sha256, Instant at) {
    ResumableUpload upload = em.find(ResumableUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
    upload.fail(problem.type().code(), problem.detail(), sha256, at);
    List<UploadStatus> partials = partials(id);
    partials.forEach(partial -> dropSegments(partial.id()));
    return UploadStatus.from(upload).withPartials(partials);
  }

  private Stored stored(ResumableUpload upload) {
    UploadStatus status = UploadStatus.from(upload);
    if (status.isFinal()) {
      status = status.withPartials(partials(upload.getId()));
    }
    return new Stored(
        status,
        upload.getDigestState(),
        upload.getFiletype(),
        new UploadOptions(
            upload.getPriority(),
            upload.getTemplateId(),
            upload.getMetadata(),
            upload.getQueuePriority(),
            upload.getTemplateVersion(),
            workflow(upload)));
  }

  /** Counts a staged chunk that starts at {@code offset}; the caller holds the upload's lock. */
  public UploadStatus recordChunk(
      UUID id,
      long offset,
      StagedObject chunk,
      byte[] digestState,
      double bytesPerSecond,
      Instant at) {
    ResumableUpload upload = em.find(ResumableUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
    // The Redis lock keeps writers apart; this is the last word should it ever have expired.
    OffsetRules.requireOffset(upload.getOffset(), offset);
    upload.append(chunk.size(), digestState, bytesPerSecond, at);
    em.persist(new UploadSegment(id, offset, chunk.size(), chunk.key()));
    return UploadStatus.from(upload);
  }

  public UploadStatus declareLength(UUID id, long length) {
    ResumableUpload upload = em.find(ResumableUpload.class, id, LockModeType.PESSIMISTIC_WRITE);
    upload.declareLength(length);
    return UploadStatus.from(upload);
  }

  /** The staged chunks, in order. */
  public List<StagedObject> segments(UUID id) {
    return em.createNamedQuery(UploadSegment.OF_UPLOAD, UploadSegment.class)
        .setParameter("uploadId", id)
        .getResultStream()
        .map(s -> new StagedObject(s.getStagedKey(), s.getSize()))
        .toList();
  }

  public UploadStatus complete(UUID id, UUID jobId, String sha256, Instant at) {
    ResumableUpload upload = em.find(ResumableUpload.class, id);
    upload.complete(jobId, sha256, at);
    dropSegments(id);
    return UploadStatus.from(upload);
  }

  public UploadStatus fail(UUID id, ProblemException problem, String sha256, Instant at) {
    ResumableUpload upload = em.find(ResumableUpload.class, id);
    upload.fail(problem.type().code(), problem.detail(), sha256, at);
    dropSegments(id);
    return UploadStatus.from(upload);
  }

  /** Marks it terminated; returns its chunks, which the caller removes after the commit. */
  public List<StagedObject> terminate(Caller caller, UUID id, Instant at) {
    ResumableUpload upload = visible(caller, id);
    List<StagedObject> segments = segments(id);
    upload.terminate(at);
    dropSegments(id);
    return segments;
  }

  /** Uploads past their expiry that still hold chunks, oldest first. */
  public List<UUID> expiredWithChunks(Instant now, int limit) {
    return em.createQuery(
            "select u.id from ResumableUpload u where u.expiresAt < :now and exists"
                + " (select s from UploadSegment s where s.uploadId = u.id) order by u.expiresAt",
            UUID.class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Forgets the chunks of an expired upload; returns them for the caller to remove. */
  public List<StagedObject> releaseChunks(UUID id) {
    List<StagedObject> segments = segments(id);
    dropSegments(id);
    return segments;
  }

  /** Removes the rows of uploads that expired before {@code before}; returns how many. */
  public int removeExpired(Instant before) {
    em.createQuery(
            "delete from UploadSegment s where s.uploadId in"
                + " (select u.id from ResumableUpload u where u.expiresAt < :before)")
        .setParameter("before", before)
        .executeUpdate();
    return em.createQuery("delete from ResumableUpload u where u.expiresAt < :before")
        .setParameter("before", before)
        .executeUpdate();
  }

  private void dropSegments(UUID id) {
    em.createQuery("delete from UploadSegment s where s.uploadId = :id")
        .setParameter("id", id)
        .executeUpdate();
  }

  private ResumableUpload visible(Caller caller, UUID id) {
    ResumableUpload upload = em.find(ResumableUpload.class, id);
    if (upload == null
        || !upload.getTenantId().equals(caller.tenantId())
        || !(upload.getOwner().equals(caller.subject())
            || caller.hasRole(Role.ADMIN)
            || caller.hasRole(Role.OWNER))) {
      throw new ProblemException(
          ProblemType.UPLOAD_NOT_FOUND, "no resumable upload " + id + " for this caller");
    }
    return upload;
  }

  /** The start options of the job an upload will make, as its row keeps them. */
  private static WorkflowOptions workflow(ResumableUpload upload) {
    if (upload.getDependsOn() == null && upload.getScheduleAt() == null) {
      return WorkflowOptions.NONE;
    }
    List<UUID> dependsOn =
        upload.getDependsOn() == null || upload.getDependsOn().isEmpty()
            ? List.of()
            : java.util.Arrays.stream(upload.getDependsOn().split(","))
                .map(UUID::fromString)
                .toList();
    return new WorkflowOptions(
        dependsOn,
        upload.getOnDependencyFailure() == null
            ? WorkflowOptions.OnDependencyFailure.FAIL
            : WorkflowOptions.OnDependencyFailure.valueOf(upload.getOnDependencyFailure()),
        upload.getScheduleAt());
  }

  /** The row of a new upload of the caller, of {@code length} bytes (null: deferred). */
  private static ResumableUpload newUpload(
      Caller caller,
      UUID id,
      NewUpload upload,
      Long length,
      byte[] digestState,
      Instant now,
      Instant expiresAt) {
    ResumableUpload row =
        new ResumableUpload(
            id,
            caller.tenantId(),
            caller.subject(),
            length,
            upload.rawMetadata(),
            upload.filename(),
            upload.filetype(),
            upload.options().priority(),
            upload.options().templateId(),
            upload.options().metadata(),
            upload.options().queuePriority(),
            digestState,
            now,
            expiresAt);
    WorkflowOptions workflow = upload.options().workflow();
    row.startOptions(
        upload.options().templateVersion(),
        workflow.dependsOn().isEmpty()
            ? null
            : String.join(",", workflow.dependsOn().stream().map(UUID::toString).toList()),
        workflow.dependsOn().isEmpty() ? null : workflow.onDependencyFailure().name(),
        workflow.scheduleAt());
    return row;
  }
}
