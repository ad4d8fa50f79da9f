package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.upload.validation.GzipGuard;
import io.fileparser.upload.validation.ValidationLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class InspectingInputStreamTest {

  private static final long NO_LIMIT = Long.MAX_VALUE;

  @Test
  void sha256IsTheDigestOfAllBytesRead() throws Exception {
    byte[] data = randomBytes(200_000);
    InspectingInputStream in = inspect(data, NO_LIMIT, 16);

    drain(in);

    assertEquals(sha256(data), in.sha256());
  }

  @Test
  void sha256OfAnEmptyStreamIsTheEmptyDigest() throws Exception {
    InspectingInputStream in = inspect(new byte[0], NO_LIMIT, 16);

    drain(in);

    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", in.sha256());
  }

  @Test
  void countsEveryByteRead() throws Exception {
    InspectingInputStream in = inspect(randomBytes(70_001), NO_LIMIT, 16);

    drain(in);

    assertEquals(70_001, in.count());
  }

  @Test
  void headHoldsTheFirstBytes() throws Exception {
    byte[] data = randomBytes(1000);
    InspectingInputStream in = inspect(data, NO_LIMIT, 100);

    drain(in, 7);

    assertEquals(100, in.headLength());
    assertArrayEquals(Arrays.copyOf(data, 100), Arrays.copyOf(in.head(), in.headLength()));
  }

  @Test
  void headLengthIsTheStreamLengthWhenShorterThanTheHead() throws Exception {
    byte[] data = randomBytes(10);
    InspectingInputStream in = inspect(data, NO_LIMIT, 100);

    drain(in);

    assertEquals(10, in.headLength());
    assertArrayEquals(data, Arrays.copyOf(in.head(), in.headLength()));
  }

  @Test
  void readingExactlyTheLimitIsFine() throws Exception {
    byte[] data = randomBytes(4096);
    InspectingInputStream in = inspect(data, 4096, 16);

    assertArrayEquals(data, drain(in));
    assertEquals(4096, in.count());
  }

  @Test
  void readingOneByteMoreThanTheLimitThrows() {
    InspectingInputStream in = inspect(randomBytes(4097), 4096, 16);

    assertThrows(InspectingInputStream.LimitExceeded.class, () -> drain(in));
  }

  @Test
  void limitAppliesToSingleByteReads() throws Exception {
    InspectingInputStream in = inspect(new byte[] {1, 2, 3}, 2, 16);

    in.read();
    in.read();

    assertThrows(InspectingInputStream.LimitExceeded.class, in::read);
  }

  @Test
  void sourceFailureIsReportedAsSourceFailure() {
    IOException reset = new IOException("connection reset");
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw reset;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw reset;
          }
        };
    InspectingInputStream in = new InspectingInputStream(failing, NO_LIMIT, 16);

    InspectingInputStream.SourceFailure e =
        assertThrows(InspectingInputStream.SourceFailure.class, () -> in.read(new byte[8]));
    assertSame(reset, e.getCause());
  }

  @Test
  void limitedStopsOneByteAfterItsLimit() throws Exception {
    byte[] data = randomBytes(4096);

    assertArrayEquals(
        data, drain(InspectingInputStream.limited(new ByteArrayInputStream(data), 4096)));
    InputStream over =
        InspectingInputStream.limited(new ByteArrayInputStream(randomBytes(4097)), 4096);
    assertThrows(InspectingInputStream.LimitExceeded.class, () -> drain(over, 100));
  }

  @Test
  void compressedSideOfAGzipUploadCountsTowardTheLimit() throws Exception {
    // Random bytes grow a little when compressed: the decompressed side keeps to the limit, the
    // bytes as sent do not, and that is a size refusal, not a failure of the client's body.
    byte[] data = randomBytes(10_000);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write(data);
    }
    long limit = data.length;
    InputStream sent =
        InspectingInputStream.limited(new ByteArrayInputStream(gzip.toByteArray()), limit);
    InspectingInputStream in =
        new InspectingInputStream(
            GzipGuard.decompressing(sent, ValidationLimits.defaults()), limit, 16);

    assertThrows(InspectingInputStream.LimitExceeded.class, () -> drain(in));
  }

  @Test
  void skipDoesNotBypassTheDigest() throws Exception {
    byte[] data = randomBytes(1000);
    InspectingInputStream in = inspect(data, NO_LIMIT, 16);

    assertEquals(0, in.skip(500));
    byte[] rest = drain(in);

    assertArrayEquals(data, rest);
    assertEquals(1000, in.count());
    assertEquals(sha256(data), in.sha256());
  }

  @Test
  void skipNBytesStillPassesEveryByteThroughTheDigest() throws Exception {
    byte[] data = randomBytes(1000);
    InspectingInputStream in = inspect(data, NO_LIMIT, 16);

    in.skipNBytes(400);
    drain(in);

    assertEquals(1000, in.count());
    assertEquals(sha256(data), in.sha256());
  }

  @Test
  void singleByteReadsReturnUnsignedBytesAndFeedTheDigest() throws Exception {
    byte[] data = {0x00, (byte) 0xff, (byte) 0x80, 0x7f};
    InspectingInputStream in = inspect(data, NO_LIMIT, 2);

    assertEquals(0x00, in.read());
    assertEquals(0xff, in.read());
    assertEquals(0x80, in.read());
    assertEquals(0x7f, in.read());
    assertEquals(-1, in.read());

    assertEquals(4, in.count());
    assertEquals(2, in.headLength());
    assertArrayEquals(new byte[] {0x00, (byte) 0xff}, Arrays.copyOf(in.head(), 2));
    assertEquals(sha256(data), in.sha256());
  }

  @Test
  void readAllBytesFeedsTheDigest() throws Exception {
    byte[] data = randomBytes(100_000);
    InspectingInputStream in = inspect(data, NO_LIMIT, 16);

    assertArrayEquals(data, in.readAllBytes());
    assertEquals(sha256(data), in.sha256());
  }

  private static InspectingInputStream inspect(byte[] data, long limit, int headSize) {
    return new InspectingInputStream(new ByteArrayInputStream(data), limit, headSize);
  }

  /** Reads to the end through the array read, in chunks of at most {@code chunk} bytes. */
  private static byte[] drain(InputStream in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    for (int n; (n = in.read(buffer, 0, chunk)) != -1; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] drain(InputStream in) throws IOException {
    return drain(in, 8192);
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
