package io.fileparser.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where uploaded bytes live. An upload is first staged (written under a private name while it
 * streams in), then promoted to its content address once its hash is known, or discarded. Readers
 * never see a half-written object.
 */
public interface ObjectStore {

  /**
   * Writes the whole stream to a new staging object. On any failure the partial object is removed
   * before the exception propagates.
   */
  StagedObject stage(InputStream content) throws IOException;

  /**
   * Moves a staged object to its permanent, content-addressed place and returns its URI. If that
   * place already holds the same content, the staged copy is dropped and the existing URI returned;
   * either way the object's modification time is now, so the orphan sweep leaves it alone while its
   * registration is under way.
   */
  URI promote(StagedObject staged, String tenantId, String sha256) throws IOException;

  /**
   * Moves a staged object under the quarantine area ({@code quarantine/<tenant>/<ab>/<sha256>}),
   * where no worker is ever sent and only admins look.
   */
  URI quarantine(StagedObject staged, String tenantId, String sha256) throws IOException;

  /** Reads a staged object from its start (validation and virus scanning read it back). */
  InputStream openStaged(StagedObject staged) throws IOException;

  /**
   * A second staged object with the same bytes, independent of the first: either may be promoted or
   * discarded without the other. By default the bytes are read and staged again; a store that can
   * share them (the local store: a hard link) does so without a pass over them.
   */
  default StagedObject copyStaged(StagedObject staged) throws IOException {
    try (InputStream in = openStaged(staged)) {
      return stage(in);
    }
  }

  /** Removes a staged object; harmless if it is already gone. */
  void discard(StagedObject staged);

  /** Removes a stored object; harmless if it is already gone. */
  void delete(URI uri) throws IOException;

  /** Whether the object is there (used by checks and tests, not on the hot path). */
  boolean exists(URI uri);

  /**
   * Where a worker writes the parsed records of one attempt of a job. Each attempt gets its own
   * place, so a task that runs twice never mixes two outputs.
   */
  URI resultLocation(String tenantId, UUID jobId, int attempt);

  /**
   * Removes what interrupted uploads left in staging longer ago than {@code olderThan} (local
   * files, or S3 multipart uploads never completed), except what {@code references} still names;
   * returns how many.
   */
  int removeAbandonedStaging(java.time.Duration olderThan, StagingReferences references)
      throws IOException;

  /** Reads an object from {@code offset} on (ranged read). */
  InputStream open(URI uri, long offset) throws IOException;

  /**
   * Every content-addressed object (promoted and quarantined files; not staging, not results),
   * lazily and in no particular order. The stream holds listings open: close it. Failures while it
   * is read surface as {@link java.io.UncheckedIOException}.
   */
  Stream<ListedObject> contentObjects() throws IOException;

  /** When the object was last written or confirmed by a promotion; empty when it is not there. */
  Optional<Instant> lastModified(URI uri) throws IOException;

  /**
   * Checks that the store can take an upload now: the local root is a writable directory, or the
   * bucket answers. Health checks call it; it writes nothing.
   *
   * @throws IOException saying what is wrong, for operators
   */
  void checkWritable() throws IOException;

  /** What the store is, for operators: its kind and where (no secrets). */
  String describe();

  /**
   * Staging made of parts sent over many requests (S3 multipart uploads, the local store's appended
   * staging file), where the store has it; empty where it has not (Cloud Storage).
   */
  default Optional<PartedStaging> partedStaging() {
    return java.util.Optional.empty();
  }
}
