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
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ObjectStore} owes its callers, run against each implementation (a
 * subclass per store) so that they cannot drift apart. What only one store does (its URI form, its
 * encryption, its clean-up of unfinished uploads) is tested beside it.
 */
abstract class ObjectStoreContract {

  protected ObjectStore store;

  /** A new, empty store (its own directory, bucket prefix, ...) for one test. */
  protected abstract ObjectStore openStore() throws Exception;

  /**
   * Every name the store holds, sorted: objects, staging, and unfinished uploads where the backend
   * lists them; relative to the store's root or prefix.
   */
  protected abstract List<String> storedNames() throws Exception;

  /**
   * Writes {@code bytes} at {@code uri} behind the store's back, as a worker writes its records.
   */
  protected abstract void putRaw(URI uri, byte[] bytes) throws Exception;

  /** Removes what the test left behind in a shared backend; nothing by default. */
  protected void cleanUp() throws Exception {}

  @BeforeEach
  void openTheStore() throws Exception {
    store = openStore();
  }

  @AfterEach
  void closeTheStore() throws Exception {
    try {
      cleanUp();
    } finally {
      if (store instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void stagesPromotesToTheContentAddressAndReadsTheBytesBack() throws Exception {
    byte[] data = randomBytes(200_000);
    String sha = sha256(data);

    StagedObject staged = store.stage(new ByteArrayInputStream(data));
    URI uri = store.promote(staged, "acme", sha);

    assertEquals(200_000, staged.size());
    assertTrue(
        uri.getPath().endsWith("/tenants/acme/" + sha.substring(0, 2) + "/" + sha), uri::toString);
    try (InputStream in = store.open(uri, 0)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertTrue(store.exists(uri));
    List<String> names = storedNames();
    assertEquals(1, names.size(), () -> "the staging copy is gone: " + names);
  }

  @Test
  void aStagedObjectReadsBackBeforeItIsPromoted() throws Exception {
    byte[] data = randomBytes(70_000);

    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    try (InputStream in = store.openStaged(staged)) {
      assertArrayEquals(data, in.readAllBytes());
    }
  }

  @Test
  void aCopyOfAStagedObjectOutlivesTheOriginalAndTheOriginalOutlivesItsPromotion()
      throws Exception {
    byte[] data = randomBytes(150_000);
    String sha = sha256(data);
    StagedObject original = store.stage(new ByteArrayInputStream(data));

    StagedObject copy = store.copyStaged(original);

    assertNotEquals(original.key(), copy.key());
    assertEquals(data.length, copy.size());
    URI promoted = store.promote(copy, "acme", sha);
    try (InputStream in = store.openStaged(original)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    store.discard(original);
    try (InputStream in = store.open(promoted, 0)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    StagedObject another = store.stage(new ByteArrayInputStream(data));
    StagedObject anotherCopy = store.copyStaged(another);
    store.discard(another);
    try (InputStream in = store.openStaged(anotherCopy)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    store.discard(anotherCopy);
    assertEquals(1, storedNames().size(), storedNames().toString()); // the promoted object
  }

  @Test
  void stagesAnEmptyStreamAsAnEmptyObjectThatCanBeDiscarded() throws Exception {
    StagedObject staged = store.stage(InputStream.nullInputStream());

    assertEquals(0, staged.size());
    assertEquals(1, storedNames().size());
    store.discard(staged);
    assertEquals(List.of(), storedNames());
    assertDoesNotThrow(() -> store.discard(staged));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100_000, 700_000})
  void sourceFailingMidwayLeavesNothingBehindAndKeepsItsException(int failAt) throws Exception {
    InputStream failing = failingAfter(randomBytes(failAt), new IOException("connection reset"));

    IOException e = assertThrows(IOException.class, () -> store.stage(failing));

    assertEquals("connection reset", e.getMessage());
    assertEquals(List.of(), storedNames());
  }

  @Test
  void sourceFailingWithARuntimeExceptionLeavesNothingBehind() throws Exception {
    InputStream failing = failingAfter(randomBytes(300_000), new IllegalStateException("boom"));

    assertThrows(IllegalStateException.class, () -> store.stage(failing));

    assertEquals(List.of(), storedNames());
  }

  @Test
  void promotingContentThatIsAlreadyThereKeepsOneCopyAndRenewsItsTime() throws Exception {
    byte[] data = randomBytes(5000);
    String sha = sha256(data);
    URI first = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha);
    Instant before = store.lastModified(first).orElseThrow();
    Thread.sleep(1100); // S3 and Cloud Storage's helper keep times to the second

    URI second = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha);

    assertEquals(first, second);
    List<String> names = storedNames();
    assertEquals(1, names.size(), () -> "one copy, no staging: " + names);
    assertTrue(store.lastModified(second).orElseThrow().isAfter(before));
    try (InputStream in = store.open(second, 0)) {
      assertArrayEquals(data, in.readAllBytes());
    }
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

  @Test
  void quarantineKeepsTheBytesOutsideTheTenantsArea() throws Exception {
    byte[] data = randomBytes(300);
    String sha = sha256(data);

    URI quarantined = store.quarantine(store.stage(new ByteArrayInputStream(data)), "acme", sha);

    assertTrue(quarantined.getPath().contains("/quarantine/acme/"), quarantined::toString);
    assertFalse(quarantined.getPath().contains("/tenants/"), quarantined::toString);
    try (InputStream in = store.open(quarantined, 0)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertEquals(1, storedNames().size());
  }

  @Test
  void listsPromotedAndQuarantinedObjectsButNotStagingOrResults() throws Exception {
    byte[] clean = randomBytes(100);
    byte[] infected = randomBytes(101);
    URI promoted =
        store.promote(store.stage(new ByteArrayInputStream(clean)), "acme", sha256(clean));
    URI quarantined =
        store.quarantine(
            store.stage(new ByteArrayInputStream(infected)), "other", sha256(infected));
    store.stage(new ByteArrayInputStream(randomBytes(10)));
    putRaw(store.resultLocation("acme", UUID.randomUUID(), 1), "{}\n".getBytes());

    List<ListedObject> listed;
    try (Stream<ListedObject> objects = store.contentObjects()) {
      listed = objects.sorted(Comparator.comparing(ListedObject::tenantId)).toList();
    }

    assertEquals(List.of(promoted, quarantined), listed.stream().map(ListedObject::uri).toList());
    assertEquals(List.of("acme", "other"), listed.stream().map(ListedObject::tenantId).toList());
    assertEquals(
        List.of(sha256(clean), sha256(infected)),
        listed.stream().map(ListedObject::sha256).toList());
    assertEquals(store.lastModified(promoted).orElseThrow(), listed.get(0).lastModified());
  }

  @Test
  void opensFromAnOffset() throws Exception {
    byte[] data = randomBytes(100_000);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    try (InputStream in = store.open(uri, 65_537)) {
      assertArrayEquals(Arrays.copyOfRange(data, 65_537, 100_000), in.readAllBytes());
    }
    try (InputStream in = store.open(uri, 0)) {
      assertEquals(100_000, in.readAllBytes().length);
    }
  }

  @Test
  void readingAtOrPastTheEndGivesNoBytes() throws Exception {
    byte[] data = randomBytes(100);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    try (InputStream atEnd = store.open(uri, 100);
        InputStream pastEnd = store.open(uri, 5000)) {
      assertEquals(-1, atEnd.read());
      assertEquals(-1, pastEnd.read());
    }
  }

  @Test
  void openingAMissingObjectFailsWithNoSuchFileAndItHasNoTime() throws Exception {
    URI missing = deletedObject();

    assertThrows(NoSuchFileException.class, () -> store.open(missing, 0));
    assertThrows(NoSuchFileException.class, () -> store.open(missing, 10));
    assertEquals(Optional.empty(), store.lastModified(missing));
    assertFalse(store.exists(missing));
  }

  @Test
  void deleteRemovesAStoredObjectAndIsIdempotent() throws Exception {
    byte[] data = randomBytes(10);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    store.delete(uri);

    assertFalse(store.exists(uri));
    assertDoesNotThrow(() -> store.delete(uri));
    assertEquals(List.of(), storedNames());
  }

  @Test
  void resultLocationsAreSeparatePerAttemptInsideTheStoreAndReadable() throws Exception {
    UUID job = UUID.randomUUID();

    URI first = store.resultLocation("acme", job, 1);
    URI second = store.resultLocation("acme", job, 2);

    assertNotEquals(first, second);
    assertTrue(first.getPath().contains("/results/acme/" + job + "/"), first::toString);
    assertFalse(store.exists(first));
    assertDoesNotThrow(() -> store.delete(second));
    byte[] records = "{\"a\":1}\n{\"a\":2}\n".getBytes();
    putRaw(first, records);
    try (InputStream in = store.open(first, 8)) {
      assertArrayEquals(Arrays.copyOfRange(records, 8, records.length), in.readAllBytes());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "..", ".", "acme/../globex", "acme/x", "/acme", "", "-acme"})
  void tenantIdsThatCouldNameAnotherPlaceAreRefused(String tenantId) throws Exception {
    byte[] data = randomBytes(100);
    StagedObject staged = store.stage(new ByteArrayInputStream(data));
    List<String> before = storedNames();

    assertThrows(
        IllegalArgumentException.class, () -> store.promote(staged, tenantId, sha256(data)));
    assertThrows(
        IllegalArgumentException.class, () -> store.quarantine(staged, tenantId, sha256(data)));
    assertThrows(
        IllegalArgumentException.class, () -> store.resultLocation(tenantId, UUID.randomUUID(), 1));

    assertEquals(before, storedNames(), "nothing copied anywhere");
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

    assertEquals(1, storedNames().size());
  }

  @Test
  void abandonedStagingRemovalSparesFreshStagingAndStoredObjects() throws Exception {
    byte[] data = randomBytes(100);
    StagedObject fresh = store.stage(new ByteArrayInputStream(randomBytes(10)));
    URI promoted = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));

    assertEquals(0, store.removeAbandonedStaging(Duration.ofHours(1), StagingReferences.NONE));

    assertTrue(store.exists(promoted));
    try (InputStream in = store.openStaged(fresh)) {
      assertEquals(10, in.readAllBytes().length);
    }
    assertEquals(2, storedNames().size());
  }

  @Test
  void abandonedStagingRemovalRefusesANegativeAge() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store.removeAbandonedStaging(Duration.ofMinutes(-1), StagingReferences.NONE));
  }

  @Test
  void aWorkingStoreIsWritableAndDescribesItself() throws Exception {
    assertDoesNotThrow(store::checkWritable);
    assertFalse(store.describe().isBlank());
  }

  /** The URI of a content object that was there and is not any more. */
  private URI deletedObject() throws Exception {
    byte[] data = randomBytes(7);
    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));
    store.delete(uri);
    return uri;
  }

  static InputStream failingAfter(byte[] data, Exception failure) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (position >= data.length) {
          if (failure instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw (IOException) failure;
        }
        int n = Math.min(len, data.length - position);
        System.arraycopy(data, position, b, off, n);
        position += n;
        return n;
      }
    };
  }

  static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return data;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
