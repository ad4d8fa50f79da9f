package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link ObjectStoreContract} against a real Cloud Storage bucket, plus what the in-memory
 * helper of {@link GcsObjectStoreTest} cannot show: the bucket check, the customer-managed key and
 * the clean-up of staging by the service's own creation times. Runs only when {@code
 * FILEPARSER_GCS_TEST_BUCKET} names a bucket and Google credentials are available ({@code
 * GOOGLE_APPLICATION_CREDENTIALS} or other Application Default Credentials); {@code
 * FILEPARSER_GCS_TEST_KMS_KEY} adds the KMS test. Each test works under its own prefix {@code
 * fileparser-live-test/<uuid>/} and deletes what it wrote.
 */
class GcsLiveObjectStoreTest extends ObjectStoreContract {

  private static final String HOW =
      " To run the live Cloud Storage tests, set FILEPARSER_GCS_TEST_BUCKET=<a bucket these"
          + " credentials may write> and GOOGLE_APPLICATION_CREDENTIALS=<service-account key JSON>"
          + " (or run gcloud auth application-default login); FILEPARSER_GCS_TEST_KMS_KEY=<Cloud KMS"
          + " key> adds the customer-managed-key test.";

  private static String bucket;
  private static Storage admin;

  private String prefix;

  /**
   * Every test asks (an assumption in {@link #openStore}, so each is reported as skipped with this
   * message rather than the class vanishing from the report).
   */
  private static synchronized void requireABucketAndCredentials() throws IOException {
    bucket = System.getenv("FILEPARSER_GCS_TEST_BUCKET");
    assumeTrue(
        bucket != null && !bucket.isBlank(),
        "skipped: FILEPARSER_GCS_TEST_BUCKET is not set." + HOW);
    if (admin != null) {
      return;
    }
    GoogleCredentials credentials;
    try {
      credentials = GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      credentials = null;
      assumeTrue(false, "skipped: no Google credentials (" + e.getMessage() + ")." + HOW);
    }
    admin = StorageOptions.http().setCredentials(credentials).build().getService();
  }

  @AfterAll
  static void closeAdmin() throws Exception {
    if (admin != null) {
      admin.close();
    }
  }

  @Override
  protected ObjectStore openStore() throws IOException {
    requireABucketAndCredentials();
    prefix = "fileparser-live-test/" + UUID.randomUUID();
    return new GcsObjectStore(settings(prefix, null));
  }

  @Override
  protected List<String> storedNames() {
    List<String> names = new ArrayList<>();
    for (Blob blob : admin.list(bucket, Storage.BlobListOption.prefix(prefix + "/")).iterateAll()) {
      names.add(blob.getName().substring(prefix.length() + 1));
    }
    return names.stream().sorted().toList();
  }

  @Override
  protected void putRaw(URI uri, byte[] bytes) {
    admin.create(BlobInfo.newBuilder(bucket, uri.getPath().substring(1)).build(), bytes);
  }

  @Override
  protected void cleanUp() {
    if (admin == null || prefix == null) {
      return; // skipped
    }
    for (Blob blob : admin.list(bucket, Storage.BlobListOption.prefix(prefix + "/")).iterateAll()) {
      admin.delete(blob.getBlobId());
    }
  }

  @Test
  void writesAndRewritesWithTheCustomerManagedKey() throws Exception {
    String key = System.getenv("FILEPARSER_GCS_TEST_KMS_KEY");
    assumeTrue(
        key != null && !key.isBlank(),
        "skipped: FILEPARSER_GCS_TEST_KMS_KEY is not set (a Cloud KMS key the bucket's service"
            + " agent may use).");
    byte[] data = randomBytes(300_000);

    try (GcsObjectStore encrypting = new GcsObjectStore(settings(prefix, key))) {
      StagedObject staged = encrypting.stage(new ByteArrayInputStream(data));
      assertTrue(kmsKeyOf(staged.key()).startsWith(key), kmsKeyOf(staged.key()));
      URI uri = encrypting.promote(staged, "acme", sha256(data));
      assertTrue(kmsKeyOf(uri.getPath().substring(1)).startsWith(key));
    }
  }

  @Test
  void removesStagingObjectsCreatedBeforeTheCutoffAndNothingElse() throws Exception {
    StagedObject old = store.stage(new ByteArrayInputStream(randomBytes(10)));
    Instant oldCreated =
        admin.get(BlobId.of(bucket, old.key())).getCreateTimeOffsetDateTime().toInstant();
    Thread.sleep(1100);
    StagedObject fresh = store.stage(new ByteArrayInputStream(randomBytes(11)));
    Instant cutoffNow = oldCreated.plus(Duration.ofHours(24)).plusMillis(500);
    // Not closed: it shares the admin client.
    GcsObjectStore later =
        new GcsObjectStore(settings(prefix, null), admin, Clock.fixed(cutoffNow, ZoneOffset.UTC));

    assertEquals(1, later.removeAbandonedStaging(Duration.ofHours(24), StagingReferences.NONE));

    assertNull(admin.get(BlobId.of(bucket, old.key())));
    assertNotNull(admin.get(BlobId.of(bucket, fresh.key())));
  }

  private String kmsKeyOf(String name) {
    return String.valueOf(admin.get(BlobId.of(bucket, name)).getKmsKeyName());
  }

  private static GcsSettings settings(String prefix, String kmsKey) {
    String file = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    return new GcsSettings(
        bucket,
        System.getenv("GOOGLE_CLOUD_PROJECT"),
        file == null || file.isBlank() ? null : Path.of(file),
        prefix,
        kmsKey,
        null,
        GcsSettings.CHUNK_GRANULARITY);
  }
}
