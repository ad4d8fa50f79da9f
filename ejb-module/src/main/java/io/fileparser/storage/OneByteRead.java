package io.fileparser.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link InputStream#read()} for the streams of the upload path, which all work on buffers: one
 * byte read through the stream's own {@code read(byte[], int, int)}, so that whatever that method
 * does (hashing, counting, handing bytes to the checks) happens for single bytes too.
 */
public final class OneByteRead {

  private OneByteRead() {}

  /** The next byte of {@code in} as 0-255, or -1 at its end. */
  public static int from(InputStream in) throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = in.read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }
}
