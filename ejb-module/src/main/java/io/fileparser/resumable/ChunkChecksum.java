package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checksum a client sent for one chunk ({@code Upload-Checksum: <algorithm> <base64>}, tus
 * checksum extension). The chunk is kept only when its bytes have this digest.
 */
public record ChunkChecksum(String algorithm, byte[] expected) {

  /** The algorithms we accept, by their tus names, as {@code Tus-Checksum-Algorithm} lists them. */
  public static final List<String> ALGORITHMS = List.of("sha1", "sha256", "md5");

  private static final Map<String, String> JAVA_NAMES =
      Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");

  public ChunkChecksum {
    expected = expected.clone();
  }

  /**
   * Reads the header; null when there is none.
   *
   * @throws ProblemException {@code checksum_algorithm_unsupported} for an algorithm not in {@link
   *     #ALGORITHMS}, {@code invalid_request} for a header that is not two words or whose digest is
   *     not base64 of the algorithm's length
   */
  public static ChunkChecksum parse(String header) {
    if (header == null) {
      return null;
    }
    String[] parts = header.trim().split(" +");
    if (parts.length != 2) {
      throw invalid("Upload-Checksum must be '<algorithm> <base64 digest>'");
    }
    String algorithm = parts[0].toLowerCase(Locale.ROOT);
    if (!JAVA_NAMES.containsKey(algorithm)) {
      throw new ProblemException(
          ProblemType.CHECKSUM_ALGORITHM_UNSUPPORTED,
          "the checksum algorithm '" + parts[0] + "' is not supported; use one of " + ALGORITHMS,
          Map.of("supported", ALGORITHMS));
    }
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid("the Upload-Checksum digest is not base64");
    }
    if (expected.length != newDigest(algorithm).getDigestLength()) {
      throw invalid("the Upload-Checksum digest has the wrong length for " + algorithm);
    }
    return new ChunkChecksum(algorithm, expected);
  }

  public MessageDigest newDigest() {
    return newDigest(algorithm);
  }

  /** Whether the chunk's digest is the one expected. */
  public boolean matches(byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public byte[] expected() {
    return expected.clone();
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(JAVA_NAMES.get(algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by the Java platform", e);
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
