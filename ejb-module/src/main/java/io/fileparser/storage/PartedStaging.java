package io.fileparser.storage;

import java.io.IOException;
import java.util.List;

/**
 * Staging built up part by part over many requests, possibly on several instances: an S3 multipart
 * upload whose id and part ETags the caller keeps (in PostgreSQL), or the local store's staging
 * file that the parts are appended to ({@code LocalPartedStaging}), so that whoever holds them may
 * add the next part, complete it into a staged object, or abort it. Stores that have such a thing
 * offer it ({@link ObjectStore#partedStaging()}; not Cloud Storage); every part but the last must
 * have {@link #partBytes()} bytes (S3: at least).
 */
public interface PartedStaging {

  /** A started multipart staging object: its staging key and the store's upload id. */
  record Started(String key, String uploadId) {}

  /** One uploaded part, as completion needs it. */
  record Part(int number, long size, String etag) {}

  /** The size of every part but the last (at least S3's minimum of 5 MiB). */
  int partBytes();

  /** The most parts one object may have (S3: 10,000). */
  int maxParts();

  /** Starts a new multipart object under a fresh staging key. */
  Started start() throws IOException;

  /**
   * Uploads part {@code number} (1-based) from {@code bytes[0..length)}; uploading the same number
   * again replaces it, so a part sent by a request that then failed is simply sent again.
   *
   * @return the part's ETag
   */
  String uploadPart(Started upload, int number, byte[] bytes, int length) throws IOException;

  /**
   * Makes the parts uploaded so far durable; the caller records them only after this. S3's parts
   * are durable once uploaded; the local store's are forced to disk here, once per request rather
   * than once per part.
   */
  default void makeDurable(Started upload) throws IOException {}

  /**
   * Whether reading the joined object back costs no more than writing it did (a local file, not an
   * S3 object): then a resumable upload whose checks hash it as it arrives need not also carry its
   * SHA-256 from request to request, since the rare upload whose checks were let go is hashed from
   * the joined object.
   */
  default boolean cheapToReadBack() {
    return false;
  }

  /** Joins {@code parts}, in order, into the staged object at the upload's key. */
  StagedObject complete(Started upload, List<Part> parts) throws IOException;

  /**
   * Aborts the upload and frees its parts; harmless if it is already gone.
   *
   * @throws IOException when the store did not answer: the parts are still there (and billed)
   */
  void abort(Started upload) throws IOException;
}
