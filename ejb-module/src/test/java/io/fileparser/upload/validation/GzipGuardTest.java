package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipGuardTest {

  @TempDir Path dir;

  private final ValidationLimits limits = ValidationLimits.defaults();

  @Test
  void passesOrdinaryGzipThroughUnchanged() throws IOException {
    byte[] original = csv(5 * 1024 * 1024);

    byte[] result = readAll(GzipGuard.decompressing(gzipped(original), limits));

    assertArrayEquals(original, result);
  }

  @Test
  void readsConcatenatedMembersLikeGunzip() throws IOException {
    byte[] first = "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII);
    byte[] second = "3,4\n".getBytes(StandardCharsets.US_ASCII);
    InputStream both = new SequenceInputStream(gzipped(first), gzipped(second));

    byte[] result = readAll(GzipGuard.decompressing(both, limits));

    assertEquals("a,b\n1,2\n3,4\n", new String(result, StandardCharsets.US_ASCII));
  }

  @Test
  void refusesABombEarly() throws IOException {
    Path bomb = dir.resolve("zeros.gz");
    byte[] zeros = new byte[64 * 1024];
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 64 * 1024)) {
      for (int written = 0; written < 200 * 1024 * 1024; written += zeros.length) {
        out.write(zeros);
      }
    }

    ValidationFailure failure;
    try (InputStream in = GzipGuard.decompressing(Files.newInputStream(bomb), limits)) {
      failure = assertThrows(ValidationFailure.class, () -> readAll(in));
    }

    assertEquals(ValidationFailure.GZIP_BOMB, failure.code());
    long decompressed = (Long) failure.facts().get("decompressedBytes");
    assertTrue(decompressed < 2 * GzipGuard.RATIO_GRACE_BYTES, "stopped at " + decompressed);
  }

  @Test
  void refusesOutputOverTheSizeLimitWhateverTheRatio() {
    byte[] random = new byte[200_000];
    new Random(3).nextBytes(random);
    ValidationLimits small = limits.withMaxDecompressedBytes(100_000);

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class,
            () -> readAll(GzipGuard.decompressing(gzipped(random), small)));

    assertEquals(ValidationFailure.GZIP_BOMB, failure.code());
    assertEquals(100_000L, failure.facts().get("maxDecompressedBytes"));
  }

  @Test
  void refusesDamagedData() throws IOException {
    byte[] gzip = readAll(gzipped(csv(200_000)));
    for (int i = gzip.length / 2; i < gzip.length / 2 + 16; i++) {
      gzip[i] ^= 0x5A;
    }

    assertCorrupt(gzip);
  }

  @Test
  void refusesDataCutShort() throws IOException {
    byte[] gzip = readAll(gzipped(csv(200_000)));

    assertCorrupt(Arrays.copyOf(gzip, gzip.length / 2));
  }

  @Test
  void refusesDataThatIsNotGzip() {
    assertCorrupt("id,name\n1,x\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void leavesFailuresOfTheSourceAsTheyAre() throws IOException {
    IOException broken = new IOException("connection reset");
    byte[] gzip = readAll(gzipped(csv(100_000)));
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(gzip, 0, 100),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw broken;
              }
            });

    IOException thrown =
        assertThrows(IOException.class, () -> readAll(GzipGuard.decompressing(failing, limits)));

    assertSame(broken, thrown);
  }

  @Test
  void doesNotTakeASourceFailureAfterAMemberForTheEnd() throws IOException {
    IOException broken = new IOException("connection reset");
    InputStream failing =
        new SequenceInputStream(
            gzipped("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw broken;
              }
            });

    IOException thrown =
        assertThrows(IOException.class, () -> readAll(GzipGuard.decompressing(failing, limits)));

    assertSame(broken, thrown);
  }

  @Test
  void recognisesTheGzipMagic() {
    byte[] head = {0x1F, (byte) 0x8B, 0x08, 0, 0};

    assertTrue(GzipGuard.isGzip(head, 5));
    assertFalse(GzipGuard.isGzip(head, 2));
    assertFalse(GzipGuard.isGzip(new byte[] {0x1F, (byte) 0x8B, 0x07}, 3));
    assertFalse(GzipGuard.isGzip("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 8));
  }

  private void assertCorrupt(byte[] data) {
    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class,
            () -> readAll(GzipGuard.decompressing(new ByteArrayInputStream(data), limits)));
    assertEquals(ValidationFailure.GZIP_CORRUPT, failure.code());
  }

  /** CSV-like text with random numbers, which compresses a few times, as real exports do. */
  private static byte[] csv(int size) {
    Random random = new Random(11);
    StringBuilder text = new StringBuilder("id,amount,reference\n");
    for (int i = 1; text.length() < size; i++) {
      text.append(i)
          .append(',')
          .append(random.nextInt(1_000_000) / 100.0)
          .append(',')
          .append(Long.toHexString(random.nextLong()))
          .append('\n');
    }
    return text.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static InputStream gzipped(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
