package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalFileStoreTest {

  @TempDir Path sandbox;

  private Path root;
  private LocalFileStore store;

  @BeforeEach
  void createStore() throws IOException {
    // The root sits one level down so anything escaping it still lands inside the sandbox.
    root = Files.createDirectory(sandbox.resolve("store"));
    store = new LocalFileStore(root, ChunkedAesGcmTest.ring("k1", 1));
  }

  @Test
  void stageWritesAllBytesAndReturnsTheirCount() throws Exception {
    byte[] data = randomBytes(200_000);

    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    assertEquals(200_000, staged.size());
    assertArrayEquals(data, plaintextOf(root.resolve("staging").resolve(staged.key())));
  }

  @Test
  void stageOfAnEmptyStreamGivesAnEmptyObject() throws Exception {
    StagedObject staged = store.stage(new ByteArrayInputStream(new byte[0]));

    assertEquals(0, staged.size());
  }

  @Test
  void failingSourceLeavesNoPartFileBehind() {
    InputStream failing = failingAfter(randomBytes(100_000), new IOException("connection reset"));

    IOException e = assertThrows(IOException.class, () -> store.stage(failing));

    assertEquals("connection reset", e.getMessage());
    assertEquals(List.of(), filesUnder(root));
  }

  @Test
  void sourceFailingWithRuntimeExceptionLeavesNoPartFileBehind() {
    InputStream failing = failingAfter(randomBytes(10), new IllegalStateException("boom"));

    assertThrows(IllegalStateException.class, () -> store.stage(failing));

    assertEquals(List.of(), filesUnder(root));
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

  @Test
  void promotingTheSameContentTwiceKeepsOneCopyAndDropsTheSecondStagingFile() throws Exception {
    byte[] data = randomBytes(5000);
    String sha = sha256(data);
    URI first = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha);

    URI second = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha);

    assertEquals(first, second);
    assertEquals(List.of(Path.of(first)), filesUnder(root));
    assertArrayEquals(data, plaintextOf(Path.of(first)));
  }

  @Test
  void sameContentOfTwoTenantsIsStoredSeparately() throws Exception {
    byte[] data = randomBytes(100);
    String sha = sha256(data);

    URI acme = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha);
    URI globex = store.promote(store.stage(new ByteArrayInputStream(data)), "globex", sha);

    assertNotEquals(acme, globex);
    assertTrue(store.exists(acme));
    assertTrue(store.exists(globex));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
        "../aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void promoteRefusesAnythingButALowercaseHexSha256(String sha) throws Exception {
    StagedObject staged = store.stage(new ByteArrayInputStream(new byte[] {1}));

    assertThrows(IllegalArgumentException.class, () -> store.promote(staged, "acme", sha));
    assertFalse(Files.exists(root.resolve("tenants")));
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
  void discardIsIdempotent() throws Exception {
    StagedObject staged = store.stage(new ByteArrayInputStream(randomBytes(10)));
    store.discard(staged);

    assertDoesNotThrow(() -> store.discard(staged));
    assertEquals(List.of(), filesUnder(root));
  }

  @Test
  void deleteRemovesAStoredObjectAndIsIdempotent() throws Exception {
    byte[] data = randomBytes(10);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    store.delete(uri);

    assertFalse(store.exists(uri));
    assertDoesNotThrow(() -> store.delete(uri));
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

  @Test
  void existsRefusesUriOutsideRoot() throws Exception {
    Path outside = Files.writeString(sandbox.resolve("outside.txt"), "x");

    assertThrows(IllegalArgumentException.class, () -> store.exists(outside.toUri()));
  }

  @Test
  void existsIsFalseForAMissingObjectInsideRoot() {
    assertFalse(store.exists(root.resolve("tenants/acme/aa/" + "a".repeat(64)).toUri()));
  }

  private static InputStream failingAfter(byte[] data, Exception failure) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        if (position < data.length) {
          return data[position++] & 0xff;
        }
        throw rethrow(failure);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (position >= data.length) {
          throw rethrow(failure);
        }
        int n = Math.min(len, data.length - position);
        System.arraycopy(data, position, b, off, n);
        position += n;
        return n;
      }
    };
  }

  private static IOException rethrow(Exception failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    return (IOException) failure;
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

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
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

    int removed = store.removeAbandonedStaging(java.time.Duration.ofHours(24));

    org.junit.jupiter.api.Assertions.assertEquals(1, removed);
    org.junit.jupiter.api.Assertions.assertFalse(Files.exists(oldFile));
    org.junit.jupiter.api.Assertions.assertTrue(
        Files.exists(root.resolve("staging").resolve(fresh.key())));
  }

  @Test
  void listsPromotedAndQuarantinedObjectsButNotStagingOrResults() throws Exception {
    byte[] clean = randomBytes(100);
    byte[] infected = randomBytes(100);
    URI promoted =
        store.promote(store.stage(new ByteArrayInputStream(clean)), "acme", sha256(clean));
    URI quarantined =
        store.quarantine(
            store.stage(new ByteArrayInputStream(infected)), "other", sha256(infected));
    store.stage(new ByteArrayInputStream(randomBytes(10)));
    Path result = Path.of(store.resultLocation("acme", java.util.UUID.randomUUID(), 1));
    Files.createDirectories(result.getParent());
    Files.writeString(result, "{}");
    Files.writeString(
        Files.createDirectories(root.resolve("tenants/acme/zz")).resolve("stray"), "x");

    List<ListedObject> listed;
    try (Stream<ListedObject> objects = store.contentObjects()) {
      listed = objects.sorted(java.util.Comparator.comparing(ListedObject::tenantId)).toList();
    }

    assertEquals(List.of(promoted, quarantined), listed.stream().map(ListedObject::uri).toList());
    assertEquals(List.of("acme", "other"), listed.stream().map(ListedObject::tenantId).toList());
    assertEquals(sha256(infected), listed.get(1).sha256());
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
  void theTimeOfAMissingObjectIsEmpty() throws Exception {
    URI missing = root.resolve("tenants/acme/aa/" + "a".repeat(64)).toUri();

    assertEquals(java.util.Optional.empty(), store.lastModified(missing));
  }
}
