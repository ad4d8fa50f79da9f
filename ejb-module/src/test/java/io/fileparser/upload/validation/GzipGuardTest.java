package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipGuardTest {

  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;

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
  void readsAsManyMembersAsTheLimitAllows() throws IOException {
    byte[] line = "1,2\n".getBytes(StandardCharsets.US_ASCII);
    InputStream members =
        repeated(readAll(gzipped(line)), ValidationLimits.DEFAULT_MAX_GZIP_MEMBERS);

    byte[] result = readAll(GzipGuard.decompressing(members, limits));

    assertEquals(ValidationLimits.DEFAULT_MAX_GZIP_MEMBERS * line.length, result.length);
  }

  @Test
  void refusesOneMemberMoreThanTheLimit() throws IOException {
    byte[] member = readAll(gzipped("1,2\n".getBytes(StandardCharsets.US_ASCII)));
    InputStream members = repeated(member, ValidationLimits.DEFAULT_MAX_GZIP_MEMBERS + 1);

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class, () -> readAll(GzipGuard.decompressing(members, limits)));

    assertEquals(ValidationFailure.GZIP_BOMB, failure.code());
    assertEquals(ValidationLimits.DEFAULT_MAX_GZIP_MEMBERS, failure.facts().get("maxMembers"));
  }

  @Test
  void refusesAFloodOfEmptyMembersQuickly() throws IOException {
    // 200,000 members of 20 bytes each that decompress to nothing: the ratio never trips.
    InputStream flood = repeated(readAll(gzipped(new byte[0])), 200_000);

    ValidationFailure failure =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () ->
                assertThrows(
                    ValidationFailure.class,
                    () -> readAll(GzipGuard.decompressing(flood, limits))));

    assertEquals(ValidationFailure.GZIP_BOMB, failure.code());
    assertEquals(0L, failure.facts().get("decompressedBytes"));
  }

  @Test
  void readsMembersInALoopNotByRecursion() throws Exception {
    // Allowed a million members, on a thread with a 256 KiB stack: a recursion per member (as in
    // GZIPInputStream) overflows it within a few thousand.
    InputStream flood = repeated(readAll(gzipped(new byte[0])), 1_000_000);
    ValidationLimits unlimited = limits.withMaxGzipMembers(Integer.MAX_VALUE);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread reader =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(readAll(GzipGuard.decompressing(flood, unlimited)).length);
              } catch (Throwable e) {
                outcome.set(e);
              }
            },
            "small-stack",
            256 * 1024);

    reader.start();
    reader.join(Duration.ofSeconds(30).toMillis());

    assertFalse(reader.isAlive(), "still reading after 30 s");
    assertEquals(0, outcome.get());
  }

  @Test
  void refusesTrailingGarbage() throws IOException {
    byte[] member = readAll(gzipped("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)));

    assertCorrupt(concat(member, "garbage".getBytes(StandardCharsets.US_ASCII)));
    assertCorrupt(concat(member, new byte[512]));
    assertCorrupt(concat(member, new byte[] {0x1F}));
    assertCorrupt(concat(member, member, new byte[] {0x1F, (byte) 0x8B}));
  }

  @Test
  void refusesATruncatedTrailer() throws IOException {
    byte[] member = readAll(gzipped(csv(10_000)));

    assertCorrupt(Arrays.copyOf(member, member.length - 3));
    assertCorrupt(Arrays.copyOf(member, member.length - 8));
  }

  @Test
  void refusesACrcMismatch() throws IOException {
    byte[] member = readAll(gzipped(csv(10_000)));
    member[member.length - 8] ^= 0x01;

    ValidationFailure failure = assertCorrupt(member);

    assertTrue(failure.detail().contains("CRC"), failure.detail());
  }

  @Test
  void refusesALengthMismatch() throws IOException {
    byte[] member = readAll(gzipped(csv(10_000)));
    member[member.length - 4] ^= 0x01;

    ValidationFailure failure = assertCorrupt(member);

    assertTrue(failure.detail().contains("length"), failure.detail());
  }

  @Test
  void readsHeadersWithEveryOptionalField() throws IOException {
    byte[] data = csv(50_000);
    byte[] member = member(FEXTRA | FNAME | FCOMMENT | FHCRC, data, false);

    assertArrayEquals(
        data, readAll(GzipGuard.decompressing(new ByteArrayInputStream(member), limits)));
  }

  @Test
  void refusesAWrongHeaderCheck() throws IOException {
    assertCorrupt(member(FNAME | FHCRC, csv(1000), true));
  }

  @Test
  void refusesReservedHeaderFlags() throws IOException {
    assertCorrupt(member(0x20, csv(1000), false));
  }

  @Test
  void handsOutDataBeforeTheMemberEnds() throws IOException {
    byte[] gzip = readAll(gzipped(csv(1024 * 1024)));
    AtomicLong sourceRead = new AtomicLong();
    InputStream source =
        new FilterInputStream(new ByteArrayInputStream(gzip)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            sourceRead.addAndGet(Math.max(n, 0));
            return n;
          }
        };

    InputStream in = GzipGuard.decompressing(source, limits);
    int first = in.read(new byte[4096]);

    assertTrue(first > 0);
    assertTrue(sourceRead.get() <= 16 * 1024, "read " + sourceRead + " of " + gzip.length);
  }

  @Test
  void recognisesTheGzipMagic() {
    byte[] head = {0x1F, (byte) 0x8B, 0x08, 0, 0};

    assertTrue(GzipGuard.isGzip(head, 5));
    assertFalse(GzipGuard.isGzip(head, 2));
    assertFalse(GzipGuard.isGzip(new byte[] {0x1F, (byte) 0x8B, 0x07}, 3));
    assertFalse(GzipGuard.isGzip("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 8));
  }

  private ValidationFailure assertCorrupt(byte[] data) {
    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class,
            () -> readAll(GzipGuard.decompressing(new ByteArrayInputStream(data), limits)));
    assertEquals(ValidationFailure.GZIP_CORRUPT, failure.code());
    return failure;
  }

  /**
   * One member written by hand (RFC 1952), with the optional header fields {@code flags} names and,
   * if {@code wrongHeaderCheck}, a header CRC that does not match.
   */
  private static byte[] member(int flags, byte[] data, boolean wrongHeaderCheck) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(new byte[] {0x1F, (byte) 0x8B, 8, (byte) flags, 0, 0, 0, 0, 0, 3});
    if ((flags & FEXTRA) != 0) {
      header.writeBytes(new byte[] {6, 0, 'F', 'P', 2, 0, 'o', 'k'});
    }
    if ((flags & FNAME) != 0) {
      header.writeBytes("calls.csv\0".getBytes(StandardCharsets.ISO_8859_1));
    }
    if ((flags & FCOMMENT) != 0) {
      header.writeBytes("exported nightly\0".getBytes(StandardCharsets.ISO_8859_1));
    }
    if ((flags & FHCRC) != 0) {
      CRC32 crc = new CRC32();
      crc.update(header.toByteArray());
      int check = (int) crc.getValue() ^ (wrongHeaderCheck ? 1 : 0);
      header.writeBytes(new byte[] {(byte) check, (byte) (check >> 8)});
    }
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      header.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    header.writeBytes(littleEndian((int) crc.getValue()));
    header.writeBytes(littleEndian(data.length));
    return header.toByteArray();
  }

  private static byte[] littleEndian(int value) {
    return new byte[] {
      (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)
    };
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** {@code times} copies of {@code member}, generated as they are read. */
  private static InputStream repeated(byte[] member, long times) {
    return new InputStream() {
      private long copy;
      private int offset;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (copy == times) {
          return -1;
        }
        int n = Math.min(len, member.length - offset);
        System.arraycopy(member, offset, b, off, n);
        offset += n;
        if (offset == member.length) {
          offset = 0;
          copy++;
        }
        return n;
      }
    };
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
