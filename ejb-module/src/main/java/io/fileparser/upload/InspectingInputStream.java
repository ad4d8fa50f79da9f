package io.fileparser.upload;

import io.fileparser.storage.OneByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Looks at an upload as it streams past: computes its SHA-256, counts its bytes, keeps its first
 * bytes for content sniffing and stops it at the size limit. Failures of the source (the client's
 * body) are told apart from failures of the store by {@link SourceFailure}.
 */
final class InspectingInputStream extends FilterInputStream {

  /** The upload went past the configured maximum. */
  static final class LimitExceeded extends IOException {
    LimitExceeded(long limit) {
      super("upload exceeds " + limit + " bytes");
    }
  }

  /** Reading the client's body failed (malformed, truncated or reset). */
  static final class SourceFailure extends IOException {
    SourceFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Stops {@code in} with {@link LimitExceeded} once more than {@code limit} bytes were read from
   * it: for the compressed side of a gzip upload, whose decompressed side an {@code
   * InspectingInputStream} limits.
   */
  static InputStream limited(InputStream in, long limit) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        return OneByteRead.from(this);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return counted(super.read(b, off, len));
      }

      @Override
      public long skip(long n) throws IOException {
        return counted((int) super.skip(Math.min(n, Integer.MAX_VALUE)));
      }

      private int counted(int n) throws LimitExceeded {
        if (n > 0) {
          count += n;
          if (count > limit) {
            throw new LimitExceeded(limit);
          }
        }
        return n;
      }
    };
  }

  private final MessageDigest digest;
  private final long limit;
  private final byte[] head;
  private int headLength;
  private long count;

  InspectingInputStream(InputStream in, long limit, int headSize) {
    super(in);
    this.limit = limit;
    this.head = new byte[headSize];
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  @Override
  public int read() throws IOException {
    return OneByteRead.from(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = super.read(b, off, len);
    } catch (LimitExceeded e) {
      throw e; // the compressed side of a gzip upload was too large: no failure of the client
    } catch (IOException e) {
      throw new SourceFailure(e);
    }
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new LimitExceeded(limit);
      }
      digest.update(b, off, n);
      if (headLength < head.length) {
        int take = Math.min(n, head.length - headLength);
        System.arraycopy(b, off, head, headLength, take);
        headLength += take;
      }
    }
    return n;
  }

  @Override
  public long skip(long n) {
    // Every byte must pass through the digest.
    return 0;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  long count() {
    return count;
  }

  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  byte[] head() {
    return head;
  }

  int headLength() {
    return headLength;
  }
}
