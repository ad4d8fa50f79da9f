package io.fileparser.resumable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkStreamTest {

  @Test
  void theCarriedDigestGoesOnFromTheLastChunk() throws Exception {
    byte[] file = bytes(300_000);
    ResumableDigest first = ResumableDigest.fresh();
    ChunkStream one = stream(file, 0, 100_000, first);
    one.transferTo(OutputStream.nullOutputStream());

    ResumableDigest second = ResumableDigest.resume(one.digestStateAfter());
    ChunkStream two = stream(file, 100_000, 200_000, second);
    two.transferTo(OutputStream.nullOutputStream());

    assertEquals(sha256(file), ResumableDigest.resume(two.digestStateAfter()).hex());
    assertEquals(200_000, two.count());
  }

  @Test
  void withoutACarriedDigestNoStateIsRecorded() throws Exception {
    ChunkStream chunk = stream(bytes(1000), 0, 1000, null);
    chunk.transferTo(OutputStream.nullOutputStream());

    assertNull(chunk.digestStateAfter());
  }

  @Test
  void aChunkLongerThanTheRoomLeftIsRefused() {
    ChunkStream chunk =
        new ChunkStream(
            new ByteArrayInputStream(bytes(1000)),
            999,
            ResumableDigest.fresh(),
            null,
            null,
            () -> {});

    assertThrows(
        ChunkStream.TooLong.class, () -> chunk.transferTo(OutputStream.nullOutputStream()));
  }

  private static ChunkStream stream(byte[] file, int from, int length, ResumableDigest digest) {
    return new ChunkStream(
        new ByteArrayInputStream(file, from, length), length, digest, null, null, () -> {});
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
