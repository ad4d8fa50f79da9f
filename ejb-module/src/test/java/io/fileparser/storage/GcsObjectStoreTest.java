package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GcsObjectStore} through the real client over the client's own in-memory backend ({@code
 * LocalStorageHelper} of google-cloud-nio; no Cloud Storage emulator server is available to this
 * build). The helper ignores request options, so what the store sends as options (the KMS key, the
 * preconditions) is not checked here but by {@link GcsLiveObjectStoreTest} against a real bucket.
 */
class GcsObjectStoreTest extends ObjectStoreContract {

  private static final String BUCKET = "it-bucket";
  private static final int CHUNK = GcsSettings.CHUNK_GRANULARITY;

  // One helper per test class: its objects live in a static map of its own.
  private static final Storage STORAGE = LocalStorageHelper.customOptions(false).getService();

  private final SettableClock clock = new SettableClock();
  private String prefix;

  @Override
  protected ObjectStore openStore() {
    prefix = "store-" + UUID.randomUUID().toString().substring(0, 8);
    return new GcsObjectStore(settings(prefix), STORAGE, clock);
  }

  @Override
  protected List<String> storedNames() {
    List<String> names = new ArrayList<>();
    for (Blob blob :
        STORAGE.list(BUCKET, Storage.BlobListOption.prefix(prefix + "/")).iterateAll()) {
      names.add(blob.getName().substring(prefix.length() + 1));
    }
    return names.stream().sorted().toList();
  }

  @Override
  protected void putRaw(URI uri, byte[] bytes) {
    STORAGE.create(BlobInfo.newBuilder(BUCKET, uri.getPath().substring(1)).build(), bytes);
  }

  @Override
  @Test
  @Disabled(
      "LocalStorageHelper has no buckets: its Storage.get(bucket) always answers null. The"
          + " bucket check runs in GcsLiveObjectStoreTest and, failing, in"
          + " anUnreachableEndpointIsAnIOExceptionNamingTheBucket")
  void aWorkingStoreIsWritableAndDescribesItself() {}

  @Test
  void namesObjectsAsTheOtherStoresDoUnderTheBucketAndPrefix() throws Exception {
    byte[] data = randomBytes(1000);
    String sha = sha256(data);

    URI uri = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha);

    assertEquals(
        URI.create("gs://it-bucket/" + prefix + "/tenants/acme/" + sha.substring(0, 2) + "/" + sha),
        uri);
    UUID job = UUID.randomUUID();
    assertEquals(
        URI.create("gs://it-bucket/" + prefix + "/results/acme/" + job + "/2.ndjson"),
        store.resultLocation("acme", job, 2));
  }

  @Test
  void stagesAStreamLargerThanSeveralChunks() throws Exception {
    byte[] data = randomBytes(3 * CHUNK + 12_345);

    StagedObject staged = store.stage(new ByteArrayInputStream(data));

    assertEquals(data.length, staged.size());
    Blob blob = STORAGE.get(BlobId.of(BUCKET, staged.key()));
    assertEquals(data.length, blob.getSize());
  }

  @Test
  void keepsOldStagingObjectsThatAreStillNamed() throws Exception {
    StagedObject named = store.stage(new ByteArrayInputStream(randomBytes(10)));
    StagedObject abandoned = store.stage(new ByteArrayInputStream(randomBytes(11)));
    clock.set(Instant.now().plus(Duration.ofHours(25)));

    assertEquals(
        1,
        store.removeAbandonedStaging(
            Duration.ofHours(24),
            keys -> keys.contains(named.key()) ? Set.of(named.key()) : Set.of()));

    assertTrue(STORAGE.get(BlobId.of(BUCKET, named.key())) != null);
    assertEquals(null, STORAGE.get(BlobId.of(BUCKET, abandoned.key())));
  }

  @Test
  void removesFinalisedStagingObjectsCreatedBeforeTheCutoffAndNothingElse() throws Exception {
    StagedObject old = store.stage(new ByteArrayInputStream(randomBytes(10)));
    Instant oldCreated =
        STORAGE.get(BlobId.of(BUCKET, old.key())).getCreateTimeOffsetDateTime().toInstant();
    Thread.sleep(1100); // the helper keeps times to the second
    StagedObject fresh = store.stage(new ByteArrayInputStream(randomBytes(11)));
    byte[] data = randomBytes(12);
    URI promoted = store.promote(store.stage(new ByteArrayInputStream(data)), "acme", sha256(data));
    // The cutoff (now - 24 h) falls between the two staging objects' creation.
    clock.set(oldCreated.plus(Duration.ofHours(24)).plusMillis(500));

    assertEquals(1, store.removeAbandonedStaging(Duration.ofHours(24), StagingReferences.NONE));

    assertEquals(null, STORAGE.get(BlobId.of(BUCKET, old.key())));
    assertTrue(STORAGE.get(BlobId.of(BUCKET, fresh.key())) != null);
    assertTrue(store.exists(promoted));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gs://other-bucket/{p}/tenants/acme/aa/victim",
        "gs://it-bucket/elsewhere/tenants/acme/aa/victim",
        "gs://it-bucket/{p}-sibling/tenants/acme/aa/victim",
        "gs://it-bucket/{p}/tenants/../../elsewhere/victim",
        "gs://it-bucket/{p}/tenants/acme/%2e%2e/%2e%2e/%2e%2e/victim",
        "gs://it-bucket/{p}/unknown-area/victim",
        "gs://it-bucket/{p}/tenants//victim",
        "gs://it-bucket/{p}/",
        "gs://it-bucket:9000/{p}/tenants/acme/aa/victim",
        "gs://user@it-bucket/{p}/tenants/acme/aa/victim",
        "gs://it-bucket/{p}/tenants/acme/aa/victim?generation=1",
        "s3://it-bucket/{p}/tenants/acme/aa/victim",
        "https://it-bucket/{p}/tenants/acme/aa/victim",
        "file:///{p}/tenants/acme/aa/victim",
        "gs:it-bucket/{p}/tenants/acme/aa/victim"
      })
  void urisThatAreNotThisStoresAreRefused(String template) {
    URI uri = URI.create(template.replace("{p}", prefix));

    assertThrows(IllegalArgumentException.class, () -> store.delete(uri));
    assertThrows(IllegalArgumentException.class, () -> store.exists(uri));
    assertThrows(IllegalArgumentException.class, () -> store.open(uri, 0));
    assertThrows(IllegalArgumentException.class, () -> store.lastModified(uri));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-a-key",
        "{p}/staging/../tenants/x",
        "{p}/tenants/acme/aa/a",
        "elsewhere/staging/0f8fad5b-d9cb-469f-a165-70867728950e",
        "{p}/staging/0f8fad5b-d9cb-469f-a165-70867728950e/x",
        "{p}/staging/0F8FAD5B-D9CB-469F-A165-70867728950E"
      })
  void stagedKeysThatAreNotThisStoresAreRefused(String key) {
    StagedObject forged = new StagedObject(key.replace("{p}", prefix), 1);

    assertThrows(IllegalArgumentException.class, () -> store.discard(forged));
    assertThrows(
        IllegalArgumentException.class, () -> store.promote(forged, "acme", "a".repeat(64)));
    assertThrows(IllegalArgumentException.class, () -> store.openStaged(forged));
  }

  @Test
  void anUnreachableEndpointIsAnIOExceptionNamingTheBucket() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    try (GcsObjectStore unreachable =
        new GcsObjectStore(
            new GcsSettings("it-bucket", "it-project", null, "p", null, closed, CHUNK))) {

      IOException check = assertThrows(IOException.class, unreachable::checkWritable);
      IOException stage =
          assertThrows(
              IOException.class,
              () -> unreachable.stage(new ByteArrayInputStream(randomBytes(100))));

      assertTrue(check.getMessage().contains("bucket it-bucket"), check.getMessage());
      assertTrue(stage.getMessage().contains("bucket it-bucket"), stage.getMessage());
    }
  }

  @Test
  void describesBucketPrefixAndKeyWithoutCredentials() {
    GcsSettings settings =
        new GcsSettings(
            BUCKET,
            null,
            java.nio.file.Path.of("/secrets/key.json"),
            "p",
            "projects/p/locations/eu/keyRings/r/cryptoKeys/k",
            null,
            0);
    String described = new GcsObjectStore(settings, STORAGE, clock).describe();

    assertEquals(
        "Cloud Storage bucket it-bucket under p encrypted with"
            + " projects/p/locations/eu/keyRings/r/cryptoKeys/k",
        described);
  }

  private static GcsSettings settings(String prefix) {
    return new GcsSettings(BUCKET, null, null, "/" + prefix + "/", null, null, CHUNK);
  }

  /** The store's clock, which a test may set; the system's until then. */
  private static final class SettableClock extends Clock {
    private volatile Instant fixed;

    void set(Instant instant) {
      fixed = instant;
    }

    @Override
    public Instant instant() {
      return fixed != null ? fixed : Instant.now();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
