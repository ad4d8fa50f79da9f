package io.fileparser.storage;

import java.io.IOException;
import java.util.List;

/**
 * Staging built up part by part over many requests, possibly on several instances: an S3 multipart
 * upload whose id and part ETags the caller keeps (in PostgreSQL), so that whoever holds them may
 * add the next part, complete it into a staged object, or abort it. Only stores whose API has such
 * a thing offer it ({@link ObjectStore#partedStaging()}); every part but the last must have at
 * least {@link #partBytes()} bytes.
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

  /** Joins {@code parts}, in order, into the staged object at the upload's key. */
  StagedObject complete(Started upload, List<Part> parts) throws IOException;

  /**
   * Aborts the upload and frees its parts; harmless if it is already gone.
   *
   * @throws IOException when the store did not answer: the parts are still there (and billed)
   */
  void abort(Started upload) throws IOException;
}
