package io.fileparser.resumable;

import io.fileparser.storage.OneByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A complete upload read back, hashed (SHA-256) as it is read: where no request carried its digest
 * to the end, this is how its content address is known.
 */
final class HashedStream extends FilterInputStream {

  private final MessageDigest digest;
  private long count;

  HashedStream(InputStream in) {
    super(in);
    try {
      digest = MessageDigest.getInstance("SHA-256");
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
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) {
    return 0; // every byte must be hashed
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The hex SHA-256 of what was read, if it was {@code length} bytes; else null. */
  String sha256IfWhole(Long length) {
    if (length == null || count != length) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the platform's SHA-256 can be cloned", e);
    }
  }
}
