package io.fileparser.resumable;

import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.OneByteRead;
import io.fileparser.storage.StagedObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * The staged chunks of an upload read back as one stream, one chunk open at a time. Remembers
 * whether reading them failed, so that an outage of our store is not taken for a broken client
 * body.
 */
final class StagedChunks extends InputStream {

  private final ObjectStore store;
  private final Iterator<StagedObject> chunks;
  private final Runnable onRead;
  private InputStream current;
  private boolean failed;

  StagedChunks(ObjectStore store, List<StagedObject> chunks) {
    this(store, chunks, () -> {});
  }

  /**
   * @param onRead called after every read that returned bytes (renewing a lock while a long file is
   *     read)
   */
  StagedChunks(ObjectStore store, List<StagedObject> chunks, Runnable onRead) {
    this.store = store;
    this.chunks = chunks.iterator();
    this.onRead = onRead;
  }

  boolean failed() {
    return failed;
  }

  @Override
  public int read() throws IOException {
    return OneByteRead.from(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    try {
      while (true) {
        if (current == null) {
          if (!chunks.hasNext()) {
            return -1;
          }
          current = store.openStaged(chunks.next());
        }
        int n = current.read(b, off, len);
        if (n != -1) {
          onRead.run();
          return n;
        }
        current.close();
        current = null;
      }
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** Closing a read-only chunk cannot lose data: a failure to close is not the caller's. */
  @Override
  public void close() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        failed = true;
      }
      current = null;
    }
  }
}
