package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkChecksumTest {

  private static final byte[] CHUNK = "hello tus".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @CsvSource({"sha1,SHA-1", "sha256,SHA-256", "md5,MD5", "SHA256,SHA-256"})
  void acceptsTheChunkWithTheDigestSent(String name, String javaName) throws Exception {
    String digest =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance(javaName).digest(CHUNK));
    ChunkChecksum checksum = ChunkChecksum.parse(name + " " + digest);
    MessageDigest actual = checksum.newDigest();
    actual.update(CHUNK);
    assertTrue(checksum.matches(actual.digest()));
  }

  @Test
  void refusesAChunkWithAnotherDigest() throws Exception {
    String digest =
        Base64.getEncoder()
            .encodeToString(MessageDigest.getInstance("SHA-256").digest("other".getBytes()));
    ChunkChecksum checksum = ChunkChecksum.parse("sha256 " + digest);
    MessageDigest actual = checksum.newDigest();
    actual.update(CHUNK);
    assertFalse(checksum.matches(actual.digest()));
  }

  @Test
  void noHeaderNoChecksum() {
    assertNull(ChunkChecksum.parse(null));
  }

  @Test
  void anAlgorithmWeDoNotServeIsItsOwnProblem() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> ChunkChecksum.parse("crc32 AAAAAA=="));
    assertEquals(ProblemType.CHECKSUM_ALGORITHM_UNSUPPORTED, e.type());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256",
        "sha256 not*base64",
        "sha256 AAAA",
        "sha1 a b",
        "",
        "md5 " + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
      })
  void malformedHeadersAreInvalidRequests(String header) {
    ProblemException e = assertThrows(ProblemException.class, () -> ChunkChecksum.parse(header));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }
}
