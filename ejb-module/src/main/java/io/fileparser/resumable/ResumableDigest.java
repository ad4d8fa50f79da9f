package io.fileparser.resumable;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The SHA-256 of everything an upload received so far, carried from one request to the next as its
 * exported state (BouncyCastle's {@code EncodableDigest}): {@link java.security.MessageDigest} can
 * be neither serialized nor resumed, and reading the stored chunks again would cost a second pass
 * over the bytes. BouncyCastle's digest is plain Java, several times slower than the platform's
 * (which uses the processor's SHA instructions), so on the local store (and Cloud Storage) an
 * upload whose checks are held between chunks ({@link HeldInspections}) is hashed by them instead,
 * its stored state null; where they are let go, the complete upload is hashed in the pass that
 * reads it back to check it ({@link HashedStream}). Partial uploads (concatenation) and uploads to
 * S3 always carry this one: a joined multipart object read back would otherwise be read twice.
 */
final class ResumableDigest {

  private final SHA256Digest digest;

  private ResumableDigest(SHA256Digest digest) {
    this.digest = digest;
  }

  static ResumableDigest fresh() {
    return new ResumableDigest(new SHA256Digest());
  }

  static ResumableDigest resume(byte[] state) {
    return new ResumableDigest(new SHA256Digest(state));
  }

  void update(byte[] bytes, int offset, int length) {
    digest.update(bytes, offset, length);
  }

  /** The state to store; {@link #resume} continues from it. */
  byte[] state() {
    return digest.getEncodedState();
  }

  /** The hex digest of what was received so far; this digest stays usable. */
  String hex() {
    SHA256Digest copy = new SHA256Digest(digest);
    byte[] out = new byte[copy.getDigestSize()];
    copy.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }
}
