package io.fileparser.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Small files on the local file store's disk, encrypted at rest like everything it holds: the bytes
 * of a resumable upload that do not fill a part of its {@link PartedStaging} yet, carried from one
 * request to the next. They live under {@code <local root>/buffers}, so instances that share the
 * local root (the mount that a deployment of several instances shares) share them too.
 */
public final class LocalBuffers {

  private final LocalFileStore files;

  public LocalBuffers(LocalFileStore files) {
    this.files = files;
  }

  /** Writes {@code content} to a new durable buffer (forced to disk before this returns). */
  public StagedObject write(InputStream content) throws IOException {
    return files.stage(content);
  }

  /** Reads a buffer from its start. */
  public InputStream open(StagedObject buffer) throws IOException {
    return files.openStaged(buffer);
  }

  /** Removes a buffer; harmless if it is already gone. */
  public void discard(StagedObject buffer) {
    files.discard(buffer);
  }

  /** Removes buffers older than {@code olderThan} (what a crash between two writes left). */
  public int removeOlderThan(Duration olderThan) throws IOException {
    return files.removeAbandonedStaging(olderThan, StagingReferences.NONE);
  }
}
