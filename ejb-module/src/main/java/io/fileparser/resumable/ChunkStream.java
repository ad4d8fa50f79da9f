package io.fileparser.resumable;

import io.fileparser.storage.OneByteRead;
import io.fileparser.upload.Inspection;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * The body of one chunk on its way to staging: fed to the upload's running SHA-256, to the chunk's
 * own checksum and to the upload's {@link Inspection} (its scan and validation), held to the room
 * the upload has left, and renewing the upload's lock while bytes arrive. Failures of the client's
 * body are told apart from the store's.
 */
final class ChunkStream extends FilterInputStream {

  /** The chunk holds more bytes than the upload has room for. */
  static final class TooLong extends IOException {
    TooLong() {
      super("the chunk is longer than the room left");
    }
  }

  /** Reading the client's body failed (a reset, a timeout): the client's fault, not the store's. */
  static final class SourceFailure extends IOException {
    SourceFailure(IOException cause) {
      super(cause);
    }
  }

  private final long room;
  private final ResumableDigest digest;
  private final MessageDigest checksum;
  private Inspection inspection;
  private final Runnable onProgress;
  private long count;

  /**
   * @param digest the upload's SHA-256 so far, carried from request to request; null when it is not
   *     (the inspection's own SHA-256 stands for it, or it is taken when the upload is read back)
   * @param checksum the chunk's checksum digest, or null
   * @param inspection the upload's checks reading beside the store (they hash the bytes too), or
   *     null
   * @param onProgress called after every read that returned bytes (lock renewal)
   */
  ChunkStream(
      InputStream body,
      long room,
      ResumableDigest digest,
      MessageDigest checksum,
      Inspection inspection,
      Runnable onProgress) {
    super(body);
    this.room = room;
    this.digest = digest;
    this.checksum = checksum;
    this.inspection = inspection;
    this.onProgress = onProgress;
  }

  @Override
  public int read() throws IOException {
    return OneByteRead.from(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
    if (n > 0) {
      count += n;
      if (count > room) {
        throw new TooLong();
      }
      if (inspection != null) {
        try {
          inspection.write(b, off, n);
        } catch (IOException e) {
          // A check that stalled: the chunk goes on, the complete upload is read back instead.
          inspection.abandon();
          inspection = null;
        }
      }
      if (digest != null) {
        digest.update(b, off, n);
      }
      if (checksum != null) {
        checksum.update(b, off, n);
      }
      onProgress.run();
    }
    return n;
  }

  @Override
  public long skip(long n) {
    return 0; // every byte must be seen
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  long count() {
    return count;
  }

  /**
   * The digest state to record after this chunk: the carried digest's, or null when none is carried
   * (the inspection's SHA-256 stands for it, or the complete upload is hashed when read back).
   */
  byte[] digestStateAfter() {
    return digest == null ? null : digest.state();
  }
}
