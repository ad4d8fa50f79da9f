package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
import io.fileparser.telemetry.Telemetry;
import io.fileparser.upload.FilenamePolicy;
import io.fileparser.upload.Inspection;
import io.fileparser.upload.ReceivedFile;
import io.fileparser.upload.UploadOutcome;
import io.fileparser.upload.UploadService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resumable uploads: creation, chunks appended at the upload's offset, termination, and the
 * hand-over of a complete upload to the upload pipeline ({@link UploadService#receive} and {@link
 * UploadService#submit}, the same as {@code POST /upload}). Each chunk is appended as it arrives to
 * the upload's staging object ({@link MultipartChunks}: S3 multipart, the local store's staging
 * file; staged as an object of its own on Cloud Storage, for partial uploads and for uploads no
 * larger than a part), encrypted and made durable by the object store, and counted in PostgreSQL
 * once it is there and its checksum, if any, is right (a chunk that broke off counts as far as it
 * arrived where it was appended, else not at all); the offset survives a restart. Streaming runs
 * outside any transaction.
 *
 * <p>The scan and the validation read the chunks as they are staged ({@link Inspection}, held on
 * this instance between chunks by {@link HeldInspections}), so that the complete upload is not read
 * back to be checked; where the chunks arrived otherwise (another instance, a chunk that broke off,
 * a partial upload) it is read back once, with the same outcome.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResumableUploads {

  private static final Logger LOG = Logger.getLogger(ResumableUploads.class.getName());

  @Inject ResumableLedger ledger;
  @Inject UploadLock locks;
  @Inject ObjectStore store;
  @Inject UploadService uploads;
  @Inject ProgressReports progress;
  @Inject MultipartChunks multipart;
  @Inject HeldInspections inspections;
  @Inject Telemetry telemetry;

  /**
   * Counted from creation, not from the last chunk: the staging cleanup ({@code
   * fileparser.storage.stale-staging-hours}, 24 by default) removes staged chunks by age, so an
   * upload must expire before its first chunk is that old.
   */
  @Inject
  @ConfigProperty(name = "fileparser.resumable.expiry-hours", defaultValue = "12")
  long expiryHours;

  /** The largest upload accepted ({@code Tus-Max-Size}): the same limit as {@code POST /upload}. */
  public long maxBytes() {
    return uploads.maxBytes();
  }

  /** Creates an upload; nothing is received yet. */
  public UploadStatus create(Caller caller, NewUpload upload) {
    if (!upload.partial() || upload.filename() != null) {
      FilenamePolicy.validate(upload.filename()); // a partial is no file: its name is optional
    }
    uploads.checkOptions(caller, upload.options());
    if (upload.length() != null) {
      OffsetRules.requireLength(upload.length(), 0, maxBytes());
      if (upload.length() == 0) {
        throw new ProblemException(
            ProblemType.EMPTY_FILE, "the file '" + upload.filename() + "' is empty");
      }
    }
    Instant now = now();
    return ledger.create(
        caller,
        UUID.randomUUID(),
        upload,
        ResumableDigest.fresh().state(),
        now,
        now.plus(Duration.ofHours(expiryHours)));
  }

  /**
   * Creates a final upload (tus concatenation): the file is {@code partialIds}' bytes joined in
   * order, without copying them. It receives no chunk of its own; it is joined, and goes through
   * the upload pipeline like any complete upload, as soon as every partial is complete: now, or
   * when the last partial receives its last byte. Each partial is consumed by this final upload: no
   * other may join it, and its chunks are removed once the final upload is joined or refused.
   */
  public UploadStatus createFinal(Caller caller, NewUpload upload, List<UUID> partialIds) {
    FilenamePolicy.validate(upload.filename());
    uploads.checkOptions(caller, upload.options());
    ConcatRules.requirePartialList(partialIds);
    Instant now = now();
    UploadStatus created =
        ledger.createFinal(
            caller,
            UUID.randomUUID(),
            upload,
            partialIds,
            maxBytes(),
            ResumableDigest.fresh().state(),
            now,
            now.plus(Duration.ofHours(expiryHours)));
    try {
      return joinIfReady(caller, created.id()).orElse(created);
    } catch (ProblemException e) {
      if (e.type() == ProblemType.STORAGE_UNAVAILABLE) {
        return created; // joined later: HEAD of the final upload tries again
      }
      throw e; // the joined file was refused: answered like the PATCH that completes an upload
    }
  }

  /**
   * Where the upload stands.
   *
   * @throws ProblemException {@code upload_not_found} (404), {@code upload_gone} (410) when it
   *     expired or was terminated
   */
  public UploadStatus status(Caller caller, UUID id) {
    UploadStatus status = ledger.find(caller, id).status();
    refuseGone(status);
    if (status.isFinal() && status.state().equals("receiving")) {
      // Joined when its last partial completed, unless storage was away then: try again now.
      try {
        joinIfReady(caller, id);
      } catch (ProblemException e) {
        LOG.fine(() -> "final upload " + id + " not joined: " + e.getMessage());
      }
      status = ledger.find(caller, id).status(); // what became of it is told, not thrown
    }
    return status;
  }

  /**
   * What an append did: the upload's status, and whether the job its last byte made was answered
   * before the virus scanner's verdict came (a file of 1 MiB or more whose verdict took longer than
   * the wait, none if the client preferred it; its job waits in {@code SCANNING}).
   */
  public record Appended(UploadStatus status, boolean answeredEarly) {

    /** An append whose answer waited for no verdict, or for the one it made. */
    static Appended waited(UploadStatus status) {
      return new Appended(status, false);
    }
  }

  /**
   * Appends one chunk at {@code claimedOffset}; when it completes the upload, the file goes through
   * the pipeline and the status carries its job.
   *
   * @param declaredLength {@code Upload-Length} sent with the chunk of an upload whose length was
   *     deferred, else null
   * @param checksum the chunk's {@code Upload-Checksum}, or null
   * @param respondAsync the client's {@code Prefer: respond-async}: a chunk that completes a file
   *     of 1 MiB or more is answered without waiting for the virus scanner's verdict
   */
  public Appended append(
      Caller caller,
      UUID id,
      long claimedOffset,
      Long declaredLength,
      ChunkChecksum checksum,
      InputStream body,
      boolean respondAsync) {
    UploadStatus before = ledger.find(caller, id).status();
    refuseGone(before);
    if (before.isFinal()) {
      throw new ProblemException(
          ProblemType.FINAL_UPLOAD_READ_ONLY,
          "the upload " + id + " is a final upload: send the chunks to its partial uploads");
    }
    UploadStatus partial;
    try (UploadLock.Held lock = locks.acquire(id)) {
      ResumableLedger.Stored stored = ledger.find(caller, id); // again, now that it is ours
      UploadStatus status = stored.status();
      refuseGone(status);
      OffsetRules.requireOffset(status.offset(), claimedOffset);
      switch (status.state()) {
        case "completed" -> {
          return Appended.waited(status);
        }
        case "failed" ->
            throw new ProblemException(
                ProblemType.byCode(status.failureCode()).orElse(ProblemType.INVALID_REQUEST),
                status.failureDetail());
        default -> {}
      }
      if (declaredLength != null && !declaredLength.equals(status.length())) {
        if (status.length() != null) {
          throw new ProblemException(
              ProblemType.INVALID_REQUEST,
              "Upload-Length is " + status.length() + " and cannot change");
        }
        OffsetRules.requireLength(declaredLength, status.offset(), maxBytes());
        status = ledger.declareLength(id, declaredLength);
      }
      Inspection inspection = null;
      if (!status.isComplete()) {
        inspection = inspectionFor(caller, stored, status);
        try {
          status = receiveChunk(id, status, stored.digestState(), checksum, body, inspection, lock);
        } catch (ProblemException e) {
          if (keptOfBrokenChunk(e)) {
            keep(id, inspection); // its checks saw what was kept, no more (HeldInspections.take)
          } else {
            abandon(inspection); // its checks saw bytes that were not kept
          }
          throw e;
        } catch (RuntimeException e) {
          abandon(inspection);
          throw e;
        }
        if (!status.isComplete()) {
          keep(id, inspection);
          progress.received(caller, status);
          return Appended.waited(status);
        }
      }
      if (!status.isPartial()) {
        // Complete here, or earlier with a pipeline that could not finish (storage away).
        return finish(caller, ledger.find(caller, id), inspection, respondAsync);
      }
      partial = ledger.completePartial(id, ResumableDigest.resume(digestOf(id)).hex(), now());
      progress.changed(caller, partial);
    }
    // The lock of the partial is released: joining takes the final upload's own.
    ledger.finalOf(id).ifPresent(finalId -> joinQuietly(caller, finalId, partial));
    return Appended.waited(partial);
  }

  /**
   * The checks that read this chunk as it is staged: those held since the last chunk, or new ones
   * for an upload's first chunk; null where the complete upload will be read back instead (a
   * partial or final upload, a chunk that follows one received elsewhere, no room to hold another).
   */
  private Inspection inspectionFor(
      Caller caller, ResumableLedger.Stored stored, UploadStatus status) {
    UUID id = status.id();
    Optional<Inspection> held = inspections.take(id, status.offset());
    if (held.isPresent()) {
      return held.get();
    }
    if (status.offset() != 0 || status.isPartial() || status.isFinal() || !inspections.hasRoom()) {
      return null;
    }
    return uploads.inspect(caller, status.filename(), stored.filetype());
  }

  /** A chunk that broke off, of which what arrived was kept (parted staging keeps it). */
  private static boolean keptOfBrokenChunk(ProblemException e) {
    return e.type() == ProblemType.INCOMPLETE_UPLOAD && e.extensions().containsKey("offset");
  }

  private void keep(UUID id, Inspection inspection) {
    if (inspection != null && inspection.usable()) {
      inspections.keep(id, inspection);
    } else {
      abandon(inspection); // declined (gzip) or stalled: the upload is read back when complete
    }
  }

  private static void abandon(Inspection inspection) {
    if (inspection != null) {
      inspection.abandon();
    }
  }

  private byte[] digestOf(UUID id) {
    return ledger.find(id).digestState();
  }

  /**
   * Joins the final upload if it is ready; a refusal of the joined file is the final's, not the
   * partial's.
   */
  private void joinQuietly(Caller caller, UUID finalId, UploadStatus partial) {
    try {
      joinIfReady(caller, finalId);
    } catch (ProblemException e) {
      LOG.fine(
          () ->
              "final upload "
                  + finalId
                  + " (after partial "
                  + partial.id()
                  + "): "
                  + e.getMessage());
    }
  }

  /**
   * Joins a final upload whose partials are all complete and hands the joined bytes to the
   * pipeline; fails it for good when a partial went away. Empty when it is not ready, already
   * joined, or being joined by another request (which holds its lock).
   */
  private Optional<UploadStatus> joinIfReady(Caller caller, UUID finalId) {
    UploadLock.Held lock;
    try {
      lock = locks.acquire(finalId);
    } catch (ProblemException e) {
      return Optional.empty(); // another request joins it
    }
    try (lock) {
      UploadStatus status = ledger.find(finalId).status();
      if (!status.state().equals("receiving")) {
        return Optional.empty();
      }
      List<UploadStatus> partials = ledger.partials(finalId);
      Optional<ProblemException> gone = ConcatRules.unjoinable(partials, Instant.now());
      if (gone.isPresent()) {
        List<StagedObject> segments = segmentsOf(partials);
        UploadStatus failed = ledger.failFinal(finalId, gone.get(), null, now());
        progress.changed(caller, failed);
        discard(segments);
        return Optional.of(failed);
      }
      if (!ConcatRules.allReceived(partials)) {
        return Optional.empty();
      }
      return Optional.of(join(caller, ledger.find(finalId), partials, lock));
    }
  }

  /**
   * Hands the partials' chunks, read one after another, to the pipeline as one file: its SHA-256,
   * scan and validation are of the joined bytes, and the pipeline stages them once, as for any
   * upload. Refusals and outages as in {@link #finish}.
   */
  private UploadStatus join(
      Caller caller,
      ResumableLedger.Stored stored,
      List<UploadStatus> partials,
      UploadLock.Held lock) {
    UUID finalId = stored.status().id();
    List<StagedObject> segments = segmentsOf(partials);
    StagedChunks whole = new StagedChunks(store, segments, lock::renewIfDue);
    ReceivedFile received;
    UploadOutcome outcome;
    try (whole) {
      received = uploads.receive(caller, whole, stored.status().filename(), stored.filetype());
      outcome = uploads.submit(caller, received, stored.options(), null);
    } catch (ProblemException e) {
      if (whole.failed() || e.type().status() >= 500) {
        throw new ProblemException(
            ProblemType.STORAGE_UNAVAILABLE,
            "the partial uploads are complete but could not be joined now; ask for the final"
                + " upload (HEAD) to try again");
      }
      progress.changed(caller, ledger.failFinal(finalId, e, null, now()));
      discard(segments);
      throw e;
    }
    UploadStatus done =
        ledger.completeFinal(
            finalId,
            ConcatRules.joinedLength(partials),
            outcome.job().id(),
            received.sha256(),
            now());
    discard(segments);
    progress.changed(caller, done);
    return done;
  }

  private List<StagedObject> segmentsOf(List<UploadStatus> partials) {
    List<StagedObject> segments = new ArrayList<>();
    partials.forEach(partial -> segments.addAll(ledger.segments(partial.id())));
    return segments;
  }

  /** Terminates the upload and removes what it received. */
  public void terminate(Caller caller, UUID id) {
    refuseGone(ledger.find(caller, id).status());
    try (UploadLock.Held lock = locks.acquire(id)) {
      refuseGone(ledger.find(caller, id).status());
      inspections.drop(id);
      discard(ledger.terminate(caller, id, now()));
      multipart.release(id, false); // if the store does not answer, the janitor aborts it later
      progress.changed(caller, ledger.find(caller, id).status());
    }
  }

  private UploadStatus receiveChunk(
      UUID id,
      UploadStatus status,
      byte[] digestState,
      ChunkChecksum checksum,
      InputStream body,
      Inspection inspection,
      UploadLock.Held lock) {
    if (multipart.applies(status)) {
      return multipart.receive(
          id,
          status,
          digestState,
          checksum,
          body,
          inspection,
          OffsetRules.room(status.offset(), status.length(), maxBytes()),
          maxBytes(),
          lock::renewIfDue);
    }
    // The held checks hash the chunks (with the platform's faster SHA-256); where they are let go,
    // the complete upload is hashed when it is read back, in the pass that checks it.
    ResumableDigest digest =
        inspection != null || digestState == null ? null : ResumableDigest.resume(digestState);
    MessageDigest chunkDigest = checksum == null ? null : checksum.newDigest();
    ChunkStream chunk =
        new ChunkStream(
            body,
            OffsetRules.room(status.offset(), status.length(), maxBytes()),
            digest,
            chunkDigest,
            inspection,
            lock::renewIfDue);
    long started = System.nanoTime();
    StagedObject staged;
    try {
      staged = store.stage(chunk);
    } catch (ChunkStream.TooLong e) {
      throw OffsetRules.tooLong(status.offset(), status.length(), maxBytes());
    } catch (ChunkStream.SourceFailure e) {
      LOG.fine(() -> "chunk of " + id + " broke off: " + e);
      throw new ProblemException(
          ProblemType.INCOMPLETE_UPLOAD,
          "the chunk ended early or the connection broke; ask for the offset (HEAD) and resume");
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "staging a chunk of " + id + " failed", e);
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE, "the chunk could not be stored; try again later");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (staged.size() == 0) {
      store.discard(staged);
      return status;
    }
    if (checksum != null && !checksum.matches(chunkDigest.digest())) {
      store.discard(staged);
      throw new ProblemException(
          ProblemType.CHECKSUM_MISMATCH,
          "the chunk's "
              + checksum.algorithm()
              + " differs from Upload-Checksum; it was discarded, the offset stays "
              + status.offset(),
          Map.of("offset", status.offset()));
    }
    try {
      return ledger.recordChunk(
          id,
          status.offset(),
          staged,
          chunk.digestStateAfter(),
          TransferRate.next(status.bytesPerSecond(), staged.size(), elapsed),
          now());
    } catch (RuntimeException e) {
      store.discard(staged);
      throw e;
    }
  }

  /**
   * Hands the whole upload to the pipeline. A refusal of the file (malware, format, ...) fails the
   * upload for good and is answered; an outage of our own storage leaves it complete but
   * unfinished, so that the next PATCH at its end tries again.
   */
  private Appended finish(
      Caller caller, ResumableLedger.Stored stored, Inspection inspection, boolean respondAsync) {
    UploadStatus status = stored.status();
    boolean inspected = inspection != null && inspection.usable();
    if (inspection != null && !inspected) {
      inspection.abandon();
    }
    telemetry.resumableChecked(inspected ? "as-received" : "read-back");
    if (inspected) {
      return multipart.applies(status)
          ? finishParts(caller, stored, inspection.sha256(), inspection, respondAsync)
          : finishInspected(caller, stored, inspection.sha256(), inspection, respondAsync);
    }
    // Read back: its SHA-256 was carried from chunk to chunk (always, on S3), or, carried in memory
    // by checks this instance no longer holds, is taken from the bytes read back.
    String carried =
        stored.digestState() == null ? null : ResumableDigest.resume(stored.digestState()).hex();
    if (multipart.applies(status)) {
      return finishParts(caller, stored, carried, null, respondAsync);
    }
    List<StagedObject> segments = ledger.segments(status.id());
    StagedChunks whole = new StagedChunks(store, segments);
    HashedStream hashed = new HashedStream(whole);
    UploadOutcome outcome;
    String sha256;
    boolean early;
    try (whole) {
      ReceivedFile received =
          uploads.receive(caller, hashed, status.filename(), stored.filetype(), respondAsync);
      early = received.answeredEarly();
      sha256 = carried != null ? carried : hashed.sha256IfWhole(status.length());
      if (sha256 == null) {
        uploads.discard(received);
        throw new IllegalStateException("the pipeline left bytes of " + status.id() + " unread");
      }
      outcome = uploads.submit(caller, received, stored.options(), null);
    } catch (ProblemException e) {
      if (whole.failed() || e.type().status() >= 500) {
        throw unfinished();
      }
      String known = carried != null ? carried : hashed.sha256IfWhole(status.length());
      throw refused(caller, status.id(), e, known, segments);
    }
    return new Appended(completed(caller, status.id(), outcome, sha256, segments), early);
  }

  /**
   * {@link #finish} for an upload whose checks read its chunks as they were staged one by one (on
   * Cloud Storage, or no larger than a part): the file is staged whole once more only to be one
   * object ({@link ObjectStore#copyStaged} for a single chunk: on the local store a hard link), and
   * the checks conclude without reading it. Refusals and outages as in {@link #finish}; the chunks
   * stay until the file is registered, so that after an outage the next attempt reads them back.
   */
  private Appended finishInspected(
      Caller caller,
      ResumableLedger.Stored stored,
      String sha256,
      Inspection inspection,
      boolean respondAsync) {
    UploadStatus status = stored.status();
    List<StagedObject> segments = ledger.segments(status.id());
    StagedObject whole;
    try {
      inspection.endOfFile(); // clamd scans while the chunks are joined
      whole =
          segments.size() == 1
              ? store.copyStaged(segments.get(0))
              : store.stage(new StagedChunks(store, segments));
    } catch (IOException | RuntimeException e) {
      inspection.abandon();
      LOG.log(Level.SEVERE, "joining the chunks of " + status.id() + " failed", e);
      throw unfinished();
    }
    UploadOutcome outcome;
    boolean early;
    try {
      ReceivedFile received;
      try {
        received = inspection.conclude(whole, respondAsync);
      } catch (RuntimeException e) {
        store.discard(whole);
        throw e;
      }
      early = received.answeredEarly();
      outcome = uploads.submit(caller, received, stored.options(), null);
    } catch (ProblemException e) {
      if (e.type().status() >= 500) {
        throw unfinished();
      }
      throw refused(caller, status.id(), e, sha256, segments);
    }
    return new Appended(completed(caller, status.id(), outcome, sha256, segments), early);
  }

  /** Fails an upload whose file was refused, and removes its chunks; answers the refusal. */
  private ProblemException refused(
      Caller caller, UUID id, ProblemException refusal, String sha256, List<StagedObject> chunks) {
    progress.changed(caller, ledger.fail(id, refusal, sha256, now()));
    discard(chunks);
    return refusal;
  }

  /** Completes an upload whose job was made, and removes its chunks. */
  private UploadStatus completed(
      Caller caller, UUID id, UploadOutcome outcome, String sha256, List<StagedObject> chunks) {
    UploadStatus done = ledger.complete(id, outcome.job().id(), sha256, now());
    discard(chunks);
    progress.changed(caller, done);
    return done;
  }

  private static ProblemException unfinished() {
    return new ProblemException(
        ProblemType.STORAGE_UNAVAILABLE,
        "the upload is complete but could not be processed now; send an empty PATCH at its"
            + " end to try again");
  }

  /**
   * {@link #finish} for an upload whose chunks went into multipart staging: the parts are joined in
   * the store into the staged object, which the pipeline promotes without staging it again; its
   * checks conclude when they read the chunks as they arrived ({@code inspection}), or read it back
   * once. Refusals and outages as in {@link #finish}: after an outage the joined object (or the
   * parts) stay for the next attempt.
   */
  private Appended finishParts(
      Caller caller,
      ResumableLedger.Stored stored,
      String carried,
      Inspection inspection,
      boolean respondAsync) {
    UploadStatus status = stored.status();
    UUID id = status.id();
    StagedObject assembled;
    try {
      if (inspection != null) {
        inspection.endOfFile(); // clamd scans while the parts are joined
      }
      assembled = multipart.assemble(id, status.length());
    } catch (RuntimeException e) {
      abandon(inspection);
      throw e;
    }
    String sha256 = carried != null ? carried : sha256Of(assembled);
    UploadOutcome outcome;
    boolean early;
    try {
      ReceivedFile received =
          inspection != null
              ? inspection.conclude(assembled, respondAsync)
              : uploads.receiveStaged(
                  caller, assembled, sha256, status.filename(), stored.filetype(), respondAsync);
      early = received.answeredEarly();
      outcome = uploads.submit(caller, received, stored.options(), null);
    } catch (ProblemException e) {
      if (e.type().status() >= 500) {
        throw unfinished();
      }
      progress.changed(caller, ledger.fail(id, e, sha256, now()));
      multipart.release(id, false);
      throw e;
    }
    UploadStatus done = ledger.complete(id, outcome.job().id(), sha256, now());
    multipart.release(id, true);
    progress.changed(caller, done);
    return new Appended(done, early);
  }

  /**
   * The SHA-256 of a joined upload whose digest nobody carried: a local staging file whose checks
   * were let go reads it once more (at the platform's SHA-256 speed, beside the checks' own read).
   */
  private String sha256Of(StagedObject staged) {
    try (HashedStream hashed = new HashedStream(store.openStaged(staged))) {
      hashed.transferTo(OutputStream.nullOutputStream());
      String sha256 = hashed.sha256IfWhole(staged.size());
      if (sha256 == null) {
        throw new IOException("the joined upload does not hold its " + staged.size() + " bytes");
      }
      return sha256;
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "reading back the joined upload " + staged.key() + " failed", e);
      throw unfinished();
    }
  }

  private void discard(List<StagedObject> segments) {
    segments.forEach(store::discard);
  }

  private static void refuseGone(UploadStatus status) {
    if (status.state().equals("terminated")) {
      throw new ProblemException(
          ProblemType.UPLOAD_GONE, "the upload " + status.id() + " was terminated");
    }
    if (!status.expiresAt().isAfter(Instant.now())) {
      throw new ProblemException(
          ProblemType.UPLOAD_GONE,
          "the upload " + status.id() + " expired at " + status.expiresAt());
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
