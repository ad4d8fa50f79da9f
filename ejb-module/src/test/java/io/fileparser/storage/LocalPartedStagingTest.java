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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's parted staging: parts appended, encrypted, to one staging file that becomes the
 * staged object as it is, readable by the store's own reader (whole and ranged), and never a chunk
 * index sealed twice.
 */
class LocalPartedStagingTest {

  private static final int PART = LocalPartedStaging.PART_BYTES;

  @TempDir Path root;

  private LocalFileStore store() {
    return new LocalFileStore(root, ChunkedAesGcmTest.ring("k1", 1));
  }

  @Test
  void partsAppendedToOneFileAreTheStagedObjectReadWholeAndFromAnyOffset() throws Exception {
    LocalFileStore store = store();
    PartedStaging parts = store.partedStaging().orElseThrow();
    assertTrue(parts.cheapToReadBack());
    byte[] whole = random(2 * PART + 123_457, 1);
    PartedStaging.Started started = parts.start();
    List<PartedStaging.Part> sent = new ArrayList<>();
    for (int number = 1, off = 0; off < whole.length; number++, off += PART) {
      int n = Math.min(PART, whole.length - off);
      sent.add(upload(parts, started, number, Arrays.copyOfRange(whole, off, off + n)));
      parts.makeDurable(started);
    }
    StagedObject staged = parts.complete(started, sent);

    assertEquals(started.key(), staged.key());
    assertEquals(whole.length, staged.size());
    assertEquals(
        ChunkedAesGcm.sealedLength("k1", whole.length, ChunkedAesGcm.DEFAULT_CHUNK),
        Files.size(root.resolve("staging").resolve(staged.key())),
        "the same length as the file staged in one go");
    assertArrayEquals(whole, read(store.openStaged(staged)));
    URI promoted = store.promote(staged, "acme", sha256(whole));
    for (int offset : new int[] {0, 65_535, 65_536, PART + 17, whole.length - 1}) {
      try (InputStream in = store.open(promoted, offset)) {
        assertArrayEquals(Arrays.copyOfRange(whole, offset, whole.length), in.readAllBytes());
      }
    }
  }

  @Test
  void aLastPartThatIsFullIsFollowedByAnEmptyFinalChunkAndCompletingTwiceChangesNothing()
      throws Exception {
    LocalFileStore store = store();
    PartedStaging parts = store.partedStaging().orElseThrow();
    byte[] whole = random(2 * PART, 2);
    PartedStaging.Started started = parts.start();
    List<PartedStaging.Part> sent =
        List.of(
            upload(parts, started, 1, Arrays.copyOfRange(whole, 0, PART)),
            upload(parts, started, 2, Arrays.copyOfRange(whole, PART, 2 * PART)));
    StagedObject staged = parts.complete(started, sent);
    Path file = root.resolve("staging").resolve(staged.key());
    long length = Files.size(file);
    byte[] header = Arrays.copyOf(Files.readAllBytes(file), 20);

    StagedObject again = parts.complete(started, sent); // an attempt that was not recorded

    assertEquals(length, Files.size(file));
    assertArrayEquals(header, Arrays.copyOf(Files.readAllBytes(file), 20), "not sealed again");
    assertEquals(staged, again);
    assertArrayEquals(whole, read(store.openStaged(staged)));
    try (InputStream in = store.open(store.promote(staged, "acme", sha256(whole)), 2 * PART)) {
      assertEquals(-1, in.read());
    }
  }

  @Test
  void aPartSentAgainIsSealedUnderAFreshNoncePrefixNotOverTheFirstSending() throws Exception {
    LocalFileStore store = store();
    PartedStaging parts = store.partedStaging().orElseThrow();
    byte[] first = random(PART, 3);
    byte[] lost = random(PART, 4);
    byte[] second = random(PART, 5);
    byte[] last = random(1000, 6);
    PartedStaging.Started started = parts.start();
    Path file = root.resolve("staging").resolve(started.key());
    PartedStaging.Part one = upload(parts, started, 1, first);
    upload(parts, started, 2, lost); // its request broke off: never recorded
    byte[] prefixBefore = noncePrefix(file);

    PartedStaging.Part two = upload(parts, started, 2, second);

    assertFalse(Arrays.equals(prefixBefore, noncePrefix(file)), "a fresh nonce prefix");
    PartedStaging.Part three = upload(parts, started, 3, last);
    StagedObject staged = parts.complete(started, List.of(one, two, three));
    assertArrayEquals(concat(first, second, last), read(store.openStaged(staged)));
    assertEquals(List.of(started.key()), stagingFiles(), "the resealed file replaced the first");
  }

  @Test
  void completionDropsPartsThatWereNeverRecorded() throws Exception {
    LocalFileStore store = store();
    PartedStaging parts = store.partedStaging().orElseThrow();
    byte[] first = random(PART, 7);
    PartedStaging.Started started = parts.start();
    PartedStaging.Part one = upload(parts, started, 1, first);
    upload(parts, started, 2, random(PART, 8)); // sent by a request whose record failed

    StagedObject staged = parts.complete(started, List.of(one));

    assertEquals(PART, staged.size());
    assertArrayEquals(first, read(store.openStaged(staged)));
  }

  @Test
  void anUploadOfNothingIsAnEmptyFile() throws Exception {
    LocalFileStore store = store();
    PartedStaging parts = store.partedStaging().orElseThrow();
    PartedStaging.Started started = parts.start();

    StagedObject staged = parts.complete(started, List.of());

    assertEquals(0, staged.size());
    assertArrayEquals(new byte[0], read(store.openStaged(staged)));
  }

  @Test
  void aPartAfterAMissingOneOrOfTheWrongSizeIsRefused() throws Exception {
    PartedStaging parts = store().partedStaging().orElseThrow();
    PartedStaging.Started started = parts.start();
    upload(parts, started, 1, random(PART, 10));

    assertThrows(IOException.class, () -> parts.uploadPart(started, 3, new byte[PART], PART));
    assertThrows(
        IOException.class, () -> parts.uploadPart(started, 2, new byte[PART + 1], PART + 1));
    assertThrows(
        IOException.class,
        () ->
            parts.complete(
                started,
                List.of(new PartedStaging.Part(1, 10, "x"), new PartedStaging.Part(2, 10, "y"))));
    assertThrows(
        IOException.class,
        () ->
            parts.complete(
                started,
                List.of(
                    new PartedStaging.Part(1, PART, "x"), new PartedStaging.Part(2, PART, "y"))),
        "the file is shorter than the parts named");
  }

  @Test
  void abortRemovesTheFileAndIsHarmlessTwice() throws Exception {
    PartedStaging parts = store().partedStaging().orElseThrow();
    PartedStaging.Started started = parts.start();
    upload(parts, started, 1, random(PART, 11));

    parts.abort(started);
    parts.abort(started);

    assertEquals(List.of(), stagingFiles());
  }

  @Test
  void aFileWrittenWithAnOlderKeyIsResealedWithTheActiveOne() throws Exception {
    byte[] first = random(PART, 12);
    PartedStaging older =
        new LocalFileStore(root, ChunkedAesGcmTest.ring("k1", 1)).partedStaging().orElseThrow();
    PartedStaging.Started started = older.start();
    PartedStaging.Part one = upload(older, started, 1, first);
    upload(older, started, 2, random(10, 13)); // never recorded
    KeyRing rotated =
        new KeyRing(
            Map.of(
                "k1", ChunkedAesGcmTest.keyBytes(1),
                "k2", ChunkedAesGcmTest.keyBytes(2)),
            "k2");
    LocalFileStore store = new LocalFileStore(root, rotated);
    PartedStaging parts = store.partedStaging().orElseThrow();

    PartedStaging.Part two = upload(parts, started, 2, random(10, 14));
    StagedObject staged = parts.complete(started, List.of(one, two));

    try (InputStream in = Files.newInputStream(root.resolve("staging").resolve(staged.key()))) {
      assertEquals("k2", ChunkedAesGcm.keyIdOf(in));
    }
    assertArrayEquals(concat(first, random(10, 14)), read(store.openStaged(staged)));
  }

  private static PartedStaging.Part upload(
      PartedStaging parts, PartedStaging.Started started, int number, byte[] bytes)
      throws IOException {
    return new PartedStaging.Part(
        number, bytes.length, parts.uploadPart(started, number, bytes, bytes.length));
  }

  private List<String> stagingFiles() throws IOException {
    try (var files = Files.list(root.resolve("staging"))) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  /** The 8 bytes after the magic, version, key id length and key id "k1". */
  private static byte[] noncePrefix(Path file) throws IOException {
    return Arrays.copyOfRange(Files.readAllBytes(file), 8, 16);
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] concat(byte[]... arrays) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] a : arrays) {
      new ByteArrayInputStream(a).transferTo(out);
    }
    return out.toByteArray();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
