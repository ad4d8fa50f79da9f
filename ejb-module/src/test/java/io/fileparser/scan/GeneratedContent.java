package io.fileparser.scan;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Clean text of any length produced on the fly, so tests can send far more than they hold in
 * memory, and count how much the client actually read.
 */
final class GeneratedContent extends InputStream {

  private static final byte[] LINE =
      "id;name;amount\n42;plain clean line of a csv export;17.50\n"
          .getBytes(StandardCharsets.US_ASCII);

  private final long length;
  private long position;

  GeneratedContent(long length) {
    this.length = length;
  }

  long bytesRead() {
    return position;
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    return LINE[(int) (position++ % LINE.length)];
  }

  @Override
  public int read(byte[] buffer, int offset, int count) {
    if (count == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(count, length - position);
    for (int i = 0; i < n; i++) {
      buffer[offset + i] = LINE[(int) (position++ % LINE.length)];
    }
    return n;
  }
}
