package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local file store: the {@link ObjectStoreContract}, plus what is its own (encryption at rest,
 * paths that must not leave the root, removal of staging files by age).
 */
class LocalFileStoreTest extends ObjectStoreContract {

  @TempDir Path sandbox;

  private Path root;

  @Override
  protected ObjectStore openStore() throws IOException {
    // The root sits one level down so anything escaping it still lands inside the sandbox.
    root = Files.createDirectory(sandbox.resolve("store"));
    return new LocalFileStore(root, ChunkedAesGcmTest.ring("k1", 1));
  }

  @Override
  protected List<String> storedNames() {
    return filesUnder(root).stream()
        .map(file -> root.relativize(file).toString())
        .sorted()
        .toList();
  }

  @Override
  protected void putRaw(URI uri, byte[] bytes) throws IOException {
    Path file = Path.of(uri);
    Files.createDirectories(file.getParent());
    try (OutputStream out =
        ChunkedAesGcm.encrypting(
            Files.newOutputStream(file),
            ChunkedAesGcmTest.ring("k1", 1),
            ChunkedAesGcm.DEFAULT_CHUNK)) {
      out.write(bytes);
    }
  }

  @Test
  void stageWritesAllBytesAndReturnsTheirCount() throws Exception {
    byte[] data = randomBytes(200_000);

    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    assertEquals(200_000, staged.size());
    assertArrayEquals(data, plaintextOf(root.resolve("staging").resolve(staged.key())));
  }

  @Test
  void promoteMovesTheObjectToItsContentAddress() throws Exception {
    byte[] data = randomBytes(5000);
    String sha = sha256(data);
    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    URI uri = store.promote(staged, "acme", sha);

    Path expected =
        root.resolve("tenants").resolve("acme").resolve(sha.substring(0, 2)).resolve(sha);
    assertEquals("file", uri.getScheme());
    assertEquals(expected, Path.of(uri));
    assertArrayEquals(data, plaintextOf(expected));
    assertTrue(store.exists(uri));
    assertEquals(List.of(), filesUnder(root.resolve("staging")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../x", "acme/../../../x", "../../store-other"})
  void promoteRefusesTenantIdThatEscapesTheRoot(String tenantId) throws Exception {
    byte[] data = randomBytes(100);
    String sha = sha256(data);
    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    assertThrows(IllegalArgumentException.class, () -> store.promote(staged, tenantId, sha));

    assertEquals(List.of(), outsideRoot());
    assertFalse(Files.exists(sandbox.resolve("x")));
    assertFalse(Files.exists(sandbox.resolve("store-other")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "..", "acme/../../x", "../tenants/globex", "acme/../globex"})
  void promoteRefusesTenantIdThatLeavesItsOwnTenantDirectory(String tenantId) throws Exception {
    byte[] existing = randomBytes(10);
    store.promote(store.stage(new ByteArrayInputStream(existing)), "acme", sha256(existing));
    byte[] data = randomBytes(100);
    String sha = sha256(data);
    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    assertThrows(IllegalArgumentException.class, () -> store.promote(staged, tenantId, sha));

    assertEquals(List.of(), outsideRoot());
    assertFalse(Files.exists(root.resolve("x")));
    assertFalse(Files.exists(root.resolve("tenants").resolve("globex")));
  }

  @Test
  void promoteRefusesAbsoluteTenantId() throws Exception {
    byte[] data = randomBytes(100);
    String sha = sha256(data);
    StagedObject staged = store.stage(new ByteArrayInputStream(data));
    String outside = sandbox.resolve("outside").toString();

    assertThrows(IllegalArgumentException.class, () -> store.promote(staged, outside, sha));

    assertFalse(Files.exists(sandbox.resolve("outside")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape.part", "not-a-key", "staging/../x.part", ""})
  void stagedKeysThatAreNotThisStoresAreRefused(String key) {
    StagedObject forged = new StagedObject(key, 1);

    assertThrows(IllegalArgumentException.class, () -> store.discard(forged));
    assertThrows(
        IllegalArgumentException.class, () -> store.promote(forged, "acme", "a".repeat(64)));
  }

  @Test
  void discardRemovesTheStagingFile() throws Exception {
    StagedObject staged = store.stage(new ByteArrayInputStream(randomBytes(10)));

    store.discard(staged);

    assertEquals(List.of(), filesUnder(root));
  }

  @Test
  void deleteRefusesUriOutsideRoot() throws Exception {
    Path victim = Files.writeString(sandbox.resolve("victim.txt"), "keep me");

    assertThrows(IllegalArgumentException.class, () -> store.delete(victim.toUri()));

    assertTrue(Files.exists(victim));
  }

  @Test
  void deleteRefusesUriThatClimbsOutOfRoot() throws Exception {
    Path victim = Files.writeString(sandbox.resolve("victim.txt"), "keep me");
    URI climbing = URI.create(root.toUri() + "tenants/../../victim.txt");

    assertThrows(IllegalArgumentException.class, () -> store.delete(climbing));

    assertTrue(Files.exists(victim));
  }

  @Test
  void deleteRefusesSiblingDirectorySharingTheRootsNamePrefix() throws Exception {
    Path sibling = Files.createDirectory(sandbox.resolve("store-other"));
    Path victim = Files.writeString(sibling.resolve("victim.txt"), "keep me");

    assertThrows(IllegalArgumentException.class, () -> store.delete(victim.toUri()));

    assertTrue(Files.exists(victim));
  }

  /** The stored bytes are encrypted; decrypt them to compare with what was written. */
  private static byte[] plaintextOf(Path file) throws java.io.IOException {
    byte[] sealed = Files.readAllBytes(file);
    org.junit.jupiter.api.Assertions.assertTrue(ChunkedAesGcm.isEncrypted(sealed));
    try (java.io.InputStream in =
        ChunkedAesGcm.decrypting(
            new java.io.ByteArrayInputStream(sealed), ChunkedAesGcmTest.ring("k1", 1))) {
      return in.readAllBytes();
    }
  }

  @org.junit.jupiter.api.Test
  void removesOnlyAbandonedStagingFiles() throws java.io.IOException {
    StagedObject old = store.stage(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
    StagedObject fresh = store.stage(new java.io.ByteArrayInputStream(new byte[] {4, 5, 6}));
    Path oldFile = root.resolve("staging").resolve(old.key());
    Files.setLastModifiedTime(
        oldFile,
        java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofHours(25))));

    int removed =
        store.removeAbandonedStaging(java.time.Duration.ofHours(24), StagingReferences.NONE);

    org.junit.jupiter.api.Assertions.assertEquals(1, removed);
    org.junit.jupiter.api.Assertions.assertFalse(Files.exists(oldFile));
    org.junit.jupiter.api.Assertions.assertTrue(
        Files.exists(root.resolve("staging").resolve(fresh.key())));
  }

  @Test
  void keepsOldStagingFilesThatAreStillNamed() throws Exception {
    StagedObject waiting = store.stage(new ByteArrayInputStream(new byte[] {1, 2, 3}));
    StagedObject abandoned = store.stage(new ByteArrayInputStream(new byte[] {4, 5, 6}));
    FileTime dayAndAHourAgo =
        FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(25)));
    for (StagedObject staged : List.of(waiting, abandoned)) {
      Files.setLastModifiedTime(root.resolve("staging").resolve(staged.key()), dayAndAHourAgo);
    }
    List<String> asked = new java.util.ArrayList<>();

    int removed =
        store.removeAbandonedStaging(
            java.time.Duration.ofHours(24),
            keys -> {
              asked.addAll(keys);
              return keys.contains(waiting.key()) ? Set.of(waiting.key()) : Set.of();
            });

    assertEquals(1, removed);
    assertEquals(Set.of(waiting.key(), abandoned.key()), Set.copyOf(asked));
    assertTrue(Files.exists(root.resolve("staging").resolve(waiting.key())));
    assertFalse(Files.exists(root.resolve("staging").resolve(abandoned.key())));
  }

  @Test
  void promotingBytesThatAreAlreadyThereRenewsTheObjectsTime() throws Exception {
    byte[] data = randomBytes(100);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));
    java.time.Instant old = java.time.Instant.now().minus(java.time.Duration.ofDays(3));
    Files.setLastModifiedTime(Path.of(uri), java.nio.file.attribute.FileTime.from(old));

    store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    assertTrue(store.lastModified(uri).orElseThrow().isAfter(old.plusSeconds(60)));
  }

  @Test
  void existsRefusesUriOutsideRoot() throws Exception {
    Path outside = Files.writeString(sandbox.resolve("outside.txt"), "x");

    assertThrows(IllegalArgumentException.class, () -> store.exists(outside.toUri()));
  }

  private List<Path> outsideRoot() {
    try (Stream<Path> walk = Files.walk(sandbox)) {
      return walk.filter(p -> !p.equals(sandbox) && !p.startsWith(root)).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> filesUnder(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
