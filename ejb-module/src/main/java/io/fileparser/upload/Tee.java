package io.fileparser.upload;

import io.fileparser.storage.OneByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The upload as the store reads it, handing every byte read to the {@link Branch}es too: the one
 * pass over the bytes. Reaching the end finishes the branches; a failure to read fails them.
 */
final class Tee extends FilterInputStream {

  private final List<Branch> branches;
  private boolean ended;

  Tee(InputStream in, List<Branch> branches) {
    super(in);
    this.branches = List.copyOf(branches);
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
    } catch (IOException | RuntimeException e) {
      fail(e instanceof IOException io ? io : new IOException(e));
      throw e;
    }
    if (n == -1) {
      finish();
    } else {
      for (Branch branch : branches) {
        branch.write(b, off, n);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) {
    return 0; // every byte goes to the branches
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The upload ended: the branches see its end. */
  void finish() {
    if (!ended) {
      ended = true;
      branches.forEach(Branch::finish);
    }
  }

  /** The upload failed (or its storing did): the branches stop with {@code cause}. */
  void fail(IOException cause) {
    if (!ended) {
      ended = true;
      branches.forEach(branch -> branch.fail(cause));
    }
  }

  boolean ended() {
    return ended;
  }
}
