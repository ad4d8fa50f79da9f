package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.storage.LocalBuffers;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.PartedStaging;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.Inspection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * The chunks of a resumable upload on a store with parted staging (S3 multipart uploads, the local
 * store's appended staging file): appended to one staging object as parts, instead of one staged
 * object per chunk read back and staged again at the end. Parts have a fixed size (S3: at least 5
 * MiB; the local store: 1 MiB) but the last; a chunk rarely ends on a part's boundary, so the bytes
 * short of a part wait in an encrypted local buffer ({@link LocalBuffers}) and are sent at the head
 * of the next chunk's first part, whichever request and instance it arrives on. The last chunk
 * sends what is left as the last part; completing the upload joins the parts in the store (no byte
 * travels) into the staged object the pipeline scans and promotes.
 *
 * <p>A chunk counts once its parts and buffer are recorded with the upload's new offset in one
 * transaction. A chunk that breaks off counts as far as it arrived (tus asks servers to keep as
 * much as they can: a client resumes from there, not from the chunk's start), unless it carries a
 * checksum, which is of the whole chunk. A chunk that fails its checksum, or whose record fails, is
 * not recorded: the parts it sent are sent again, under the same numbers, by the next chunk (S3
 * keeps the last upload of a part number; the local store seals the recorded parts again under a
 * fresh nonce), and completion names only the recorded ones.
 */
@ApplicationScoped
public class MultipartChunks {

  private static final Logger LOG = Logger.getLogger(MultipartChunks.class.getName());

  @Inject ObjectStore store;
  @Inject LocalBuffers buffers;
  @Inject MultipartLedger ledger;

  /**
   * Whether the upload's chunks go (or went) to parted staging: on a store that has it, for an
   * upload that is joined by no one (a partial upload's chunks are staged one by one: its final
   * upload reads them in order with its other partials'), and that is larger than one part. An
   * upload no larger than a part (most small files: the whole file in its creation request) gains
   * nothing from parts, only their rows: its chunks are staged whole, and one chunk is shared as it
   * is at the end ({@link ObjectStore#copyStaged}). One whose length was deferred went to parts
   * before its length was known, and stays there.
   */
  boolean applies(UploadStatus status) {
    Optional<PartedStaging> parts = store.partedStaging();
    if (parts.isEmpty() || status.isPartial() || status.isFinal()) {
      return false;
    }
    return status.length() == null
        || status.length() > parts.get().partBytes()
        || ledger.find(status.id()).isPresent();
  }

  /**
   * Appends one chunk; the caller holds the upload's lock.
   *
   * @param room how many more bytes the upload may take
   * @param inspection the upload's checks reading beside the store, or null
   */
  UploadStatus receive(
      UUID id,
      UploadStatus status,
      byte[] digestState,
      ChunkChecksum checksum,
      InputStream body,
      Inspection inspection,
      long room,
      long maxBytes,
      Runnable onProgress) {
    PartedStaging parts = store.partedStaging().orElseThrow();
    MultipartLedger.Multipart multipart = ledger.find(id).orElse(null);
    // The upload's first chunk starts its staging object, recorded with the chunk (one
    // transaction); if the chunk does not count, the object is aborted at once.
    PartedStaging.Started startedNow = null;
    if (multipart == null) {
      try {
        startedNow = parts.start();
      } catch (IOException e) {
        throw unavailable(id, e);
      }
      multipart = new MultipartLedger.Multipart(startedNow, false, null, List.of());
    }
    UploadStatus received = null;
    try {
      received =
          append(
              id,
              status,
              multipart,
              startedNow,
              digestState,
              checksum,
              body,
              inspection,
              room,
              maxBytes,
              onProgress);
      return received;
    } finally {
      if (startedNow != null
          && !(received != null ? received.offset() > status.offset() : isRecorded(id))) {
        abortQuietly(parts, startedNow);
      }
    }
  }

  private boolean isRecorded(UUID id) {
    try {
      return ledger.find(id).isPresent();
    } catch (RuntimeException e) {
      return true; // unknown: leave the object to the staging cleanup rather than lose a record
    }
  }

  private static void abortQuietly(PartedStaging parts, PartedStaging.Started started) {
    try {
      parts.abort(started);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "staging object " + started.key() + " left to the cleanup", e);
    }
  }

  private UploadStatus append(
      UUID id,
      UploadStatus status,
      MultipartLedger.Multipart multipart,
      PartedStaging.Started startedNow,
      byte[] digestState,
      ChunkChecksum checksum,
      InputStream body,
      Inspection inspection,
      long room,
      long maxBytes,
      Runnable onProgress) {
    PartedStaging parts = store.partedStaging().orElseThrow();
    if (multipart.assembled()) {
      return status; // complete already, with a pipeline that could not finish: nothing to add
    }
    // On S3 carried in PostgreSQL even while checks are held: a joined multipart object read back
    // (when the chunks went to several instances) would otherwise be read twice, to hash and to
    // check. A local staging file is cheap to read back: the held checks hash it, with the
    // platform's faster SHA-256, and where they are let go it is hashed from the joined file.
    ResumableDigest digest =
        digestState == null || (inspection != null && parts.cheapToReadBack())
            ? null
            : ResumableDigest.resume(digestState);
    MessageDigest chunkDigest = checksum == null ? null : checksum.newDigest();
    ChunkStream chunk = new ChunkStream(body, room, digest, chunkDigest, inspection, onProgress);
    int partBytes = parts.partBytes();
    long carriedSize = multipart.buffer() == null ? 0 : multipart.buffer().size();
    // No larger than the upload can still take: a small file does not cost a whole part.
    byte[] buffer = new byte[(int) Math.min(partBytes, carriedSize + room)];
    int carried = carried(multipart, buffer);
    int filled = carried;
    List<PartedStaging.Part> sent = new ArrayList<>();
    int next = multipart.nextPart();
    long started = System.nanoTime();
    boolean brokeOff = false;
    try {
      while (true) {
        filled += chunk.readNBytes(buffer, filled, buffer.length - filled);
        if (filled < partBytes) {
          if (filled == buffer.length) {
            chunk.read(); // at the room's end: the body ends here, or is too long (TooLong)
          }
          break; // the chunk's end
        }
        sent.add(upload(parts, multipart, next++, buffer, partBytes));
        filled = 0;
      }
    } catch (ChunkStream.TooLong e) {
      throw OffsetRules.tooLong(status.offset(), status.length(), maxBytes);
    } catch (ChunkStream.SourceFailure e) {
      LOG.fine(() -> "chunk of " + id + " broke off after " + chunk.count() + " bytes: " + e);
      if (checksum != null) {
        throw incomplete(); // a chunk with a checksum counts whole or not at all
      }
      // What arrived is kept (tus: as much as possible), so the client resumes from there. The
      // read that failed may have filled part of the buffer uncounted: the count says how far.
      brokeOff = true;
      filled = (int) (carried + chunk.count() - (long) sent.size() * partBytes);
    } catch (IOException e) {
      throw unavailable(id, e);
    }
    long count = chunk.count();
    if (count == 0) {
      if (brokeOff) {
        throw incomplete();
      }
      return status;
    }
    if (checksum != null && !checksum.matches(chunkDigest.digest())) {
      throw new ProblemException(
          ProblemType.CHECKSUM_MISMATCH,
          "the chunk's "
              + checksum.algorithm()
              + " differs from Upload-Checksum; it was discarded, the offset stays "
              + status.offset(),
          Map.of("offset", status.offset()));
    }
    boolean last = status.length() != null && status.offset() + count == status.length();
    StagedObject newBuffer = null;
    try {
      if (filled > 0 && last) {
        sent.add(upload(parts, multipart, next, buffer, filled));
      } else if (filled > 0) {
        newBuffer = buffers.write(new ByteArrayInputStream(buffer, 0, filled));
      }
      if (!sent.isEmpty()) {
        parts.makeDurable(multipart.started());
      }
    } catch (IOException e) {
      throw unavailable(id, e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    UploadStatus recorded;
    try {
      recorded =
          ledger.recordChunk(
              id,
              status.offset(),
              count,
              startedNow,
              sent,
              newBuffer,
              chunk.digestStateAfter(),
              TransferRate.next(status.bytesPerSecond(), count, elapsed),
              Instant.now().truncatedTo(ChronoUnit.MICROS));
    } catch (RuntimeException e) {
      if (newBuffer != null) {
        buffers.discard(newBuffer);
      }
      throw e;
    }
    if (multipart.buffer() != null) {
      buffers.discard(multipart.buffer());
    }
    if (brokeOff && !recorded.isComplete()) {
      throw new ProblemException(
          ProblemType.INCOMPLETE_UPLOAD,
          "the connection broke after "
              + count
              + " bytes of the chunk; they were kept: ask for the offset (HEAD) and resume",
          Map.of("offset", recorded.offset()));
    }
    return recorded;
  }

  private static ProblemException incomplete() {
    return new ProblemException(
        ProblemType.INCOMPLETE_UPLOAD,
        "the chunk ended early or the connection broke; ask for the offset (HEAD) and resume");
  }

  /**
   * Joins the parts of a complete upload into its staged object (sending the buffer as the last
   * part first, for an upload whose length was declared after its last byte), or finds it joined
   * already by an earlier attempt.
   *
   * @throws ProblemException {@code storage_unavailable} when the store does not answer; the parts
   *     stay, and the next attempt goes on from them
   */
  StagedObject assemble(UUID id, long length) {
    PartedStaging parts = store.partedStaging().orElseThrow();
    MultipartLedger.Multipart multipart =
        ledger.find(id).orElseGet(() -> start(id, parts)); // an upload of nothing yet
    if (multipart.assembled()) {
      return new StagedObject(multipart.started().key(), length);
    }
    try {
      List<PartedStaging.Part> all = new ArrayList<>(multipart.parts());
      if (multipart.buffer() != null) {
        byte[] buffer = new byte[parts.partBytes()];
        int filled = carried(multipart, buffer);
        PartedStaging.Part last = upload(parts, multipart, multipart.nextPart(), buffer, filled);
        parts.makeDurable(multipart.started());
        ledger.record(id, List.of(last), null);
        buffers.discard(multipart.buffer());
        all.add(last);
      }
      StagedObject staged = parts.complete(multipart.started(), all);
      ledger.assembled(id);
      if (staged.size() != length) {
        throw new IllegalStateException(
            "upload " + id + " joined " + staged.size() + " bytes, not " + length);
      }
      return staged;
    } catch (IOException e) {
      throw unavailable(id, e);
    }
  }

  /**
   * Frees what the upload holds in the store and on disk, and forgets it: aborts an unjoined
   * multipart upload, removes its buffer, and removes its joined staged object unless {@code
   * keepStaged} (a completed upload's object belongs to its job now).
   *
   * @return false when the store did not answer: the rows stay, for the next attempt
   */
  boolean release(UUID id, boolean keepStaged) {
    Optional<MultipartLedger.Multipart> found = ledger.find(id);
    if (found.isEmpty()) {
      return true;
    }
    MultipartLedger.Multipart multipart = found.get();
    if (!multipart.assembled()) {
      try {
        store.partedStaging().orElseThrow().abort(multipart.started());
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not abort the multipart upload of " + id, e);
        return false;
      }
    } else if (!keepStaged) {
      store.discard(new StagedObject(multipart.started().key(), 0));
    }
    if (multipart.buffer() != null) {
      buffers.discard(multipart.buffer());
    }
    ledger.forget(id);
    return true;
  }

  /** Removes buffers older than {@code age}: what a crash between writing and recording left. */
  int removeStaleBuffers(Duration age) throws IOException {
    return buffers.removeOlderThan(age);
  }

  private MultipartLedger.Multipart start(UUID id, PartedStaging parts) {
    PartedStaging.Started started;
    try {
      started = parts.start();
      parts.makeDurable(started); // recorded before any part makes it durable
    } catch (IOException e) {
      throw unavailable(id, e);
    }
    try {
      return ledger.start(id, started, Instant.now().truncatedTo(ChronoUnit.MICROS));
    } catch (RuntimeException e) {
      try {
        parts.abort(started);
      } catch (IOException abortFailed) {
        e.addSuppressed(abortFailed); // the staging cleanup aborts it later
      }
      throw e;
    }
  }

  /** Reads the buffer carried from the last chunk into the start of {@code into}. */
  private int carried(MultipartLedger.Multipart multipart, byte[] into) {
    if (multipart.buffer() == null) {
      return 0;
    }
    try (InputStream in = buffers.open(multipart.buffer())) {
      int n = in.readNBytes(into, 0, into.length);
      if (n != multipart.buffer().size() || in.read() != -1) {
        throw new IOException(
            "the buffer holds " + n + "+ bytes, not " + multipart.buffer().size());
      }
      return n;
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "the buffer of a resumable upload could not be read", e);
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE,
          "the upload's buffer could not be read; try again later");
    }
  }

  private static PartedStaging.Part upload(
      PartedStaging parts,
      MultipartLedger.Multipart multipart,
      int number,
      byte[] bytes,
      int length)
      throws IOException {
    if (number > parts.maxParts()) {
      throw new IOException("more than " + parts.maxParts() + " parts");
    }
    return new PartedStaging.Part(
        number, length, parts.uploadPart(multipart.started(), number, bytes, length));
  }

  private static ProblemException unavailable(UUID id, IOException e) {
    LOG.log(Level.SEVERE, "storing a chunk of " + id + " failed", e);
    return new ProblemException(
        ProblemType.STORAGE_UNAVAILABLE, "the chunk could not be stored; try again later");
  }
}
