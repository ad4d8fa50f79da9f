package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedAesGcmTest {

  private static final int CHUNK = 1024;
  private static final KeyRing KEYS = ring("k1", 1);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17, 100_000})
  void roundTripsEverySize(int size) throws IOException {
    byte[] plain = random(size, size);
    byte[] sealed = seal(plain, KEYS);
    assertEquals(ChunkedAesGcm.sealedLength("k1", size, CHUNK), sealed.length);
    assertArrayEquals(plain, open(sealed, KEYS));
  }

  @Test
  void ciphertextDoesNotContainThePlaintext() throws IOException {
    byte[] plain = "invoice,customer,amount\nINV-1,Acme,10\n".repeat(200).getBytes();
    byte[] sealed = seal(plain, KEYS);
    assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains("Acme"));
    assertTrue(ChunkedAesGcm.isEncrypted(sealed));
  }

  @Test
  void sameContentEncryptsDifferentlyEachTime() throws IOException {
    byte[] plain = random(5000, 7);
    assertFalse(Arrays.equals(seal(plain, KEYS), seal(plain, KEYS)));
  }

  @Test
  void aFlippedBitIsDetected() throws IOException {
    byte[] sealed = seal(random(3 * CHUNK, 3), KEYS);
    sealed[sealed.length - 100] ^= 1;
    assertThrows(IOException.class, () -> open(sealed, KEYS));
  }

  @Test
  void truncationAtAChunkBoundaryIsDetected() throws IOException {
    byte[] sealed = seal(random(3 * CHUNK + 10, 4), KEYS);
    int header = sealed.length - (3 * CHUNK + 10) - 4 * ChunkedAesGcm.TAG_BYTES;
    byte[] cut = Arrays.copyOf(sealed, header + 2 * (CHUNK + ChunkedAesGcm.TAG_BYTES));
    assertThrows(IOException.class, () -> open(cut, KEYS));
  }

  @Test
  void swappedChunksAreDetected() throws IOException {
    byte[] sealed = seal(random(3 * CHUNK, 5), KEYS);
    int header = sealed.length - 3 * (CHUNK + ChunkedAesGcm.TAG_BYTES);
    int len = CHUNK + ChunkedAesGcm.TAG_BYTES;
    byte[] swapped = sealed.clone();
    System.arraycopy(sealed, header, swapped, header + len, len);
    System.arraycopy(sealed, header + len, swapped, header, len);
    assertThrows(IOException.class, () -> open(swapped, KEYS));
  }

  @Test
  void aWrongKeyCannotRead() throws IOException {
    byte[] sealed = seal(random(100, 6), KEYS);
    KeyRing other = ring("k1", 2);
    assertThrows(IOException.class, () -> open(sealed, other));
  }

  @Test
  void rotatedRingStillReadsObjectsWrittenWithTheOldKey() throws IOException {
    byte[] plain = random(2 * CHUNK + 5, 8);
    byte[] old = seal(plain, KEYS);
    KeyRing rotated = new KeyRing(Map.of("k1", keyBytes(1), "k2", keyBytes(2)), "k2");
    assertArrayEquals(plain, open(old, rotated));
    byte[] fresh = seal(plain, rotated);
    assertEquals("k2", ChunkedAesGcm.keyIdOf(new ByteArrayInputStream(fresh)));
    assertThrows(IllegalStateException.class, () -> open(fresh, KEYS));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 300, 5 * CHUNK - 1})
  void readsFromAnyOffset(long offset, @TempDir Path dir) throws IOException {
    byte[] plain = random(5 * CHUNK, 9);
    Path file = dir.resolve("object");
    Files.write(file, seal(plain, KEYS));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = ChunkedAesGcm.decrypting(channel, KEYS, offset)) {
      assertArrayEquals(Arrays.copyOfRange(plain, (int) offset, plain.length), in.readAllBytes());
    }
  }

  @Test
  void readingFromTheEndGivesNothing(@TempDir Path dir) throws IOException {
    byte[] plain = random(2 * CHUNK, 10);
    Path file = dir.resolve("object");
    Files.write(file, seal(plain, KEYS));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in = ChunkedAesGcm.decrypting(channel, KEYS, plain.length)) {
      assertEquals(0, in.readAllBytes().length);
    }
  }

  static KeyRing ring(String id, int seed) {
    return new KeyRing(Map.of(id, keyBytes(seed)), id);
  }

  static byte[] keyBytes(int seed) {
    return random(32, 1000 + seed);
  }

  private static byte[] seal(byte[] plain, KeyRing keys) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = ChunkedAesGcm.encrypting(sink, keys, CHUNK)) {
      // uneven writes, to cross chunk boundaries inside one call
      int i = 0;
      while (i < plain.length) {
        int n = Math.min(plain.length - i, 333);
        out.write(plain, i, n);
        i += n;
      }
    }
    return sink.toByteArray();
  }

  private static byte[] open(byte[] sealed, KeyRing keys) throws IOException {
    try (InputStream in = ChunkedAesGcm.decrypting(new ByteArrayInputStream(sealed), keys)) {
      return in.readAllBytes();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
