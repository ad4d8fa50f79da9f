package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How {@link ObjectStores} picks the store, with its configuration set by hand. */
class ObjectStoresTest {

  @Test
  void aGcsBucketSelectsCloudStorage() throws Exception {
    ObjectStores stores = configured(Optional.empty(), Optional.of("fp-bucket"));
    stores.gcsEndpoint = Optional.of("http://127.0.0.1:9");

    ObjectStore store = stores.objectStore();
    try {
      assertTrue(store instanceof GcsObjectStore, store.getClass().getName());
      assertEquals(
          "Cloud Storage bucket fp-bucket under fp at http://127.0.0.1:9", store.describe());
    } finally {
      ((AutoCloseable) store).close();
    }
  }

  @Test
  void namingBothAnS3AndAGcsBucketIsRefusedAtStart() {
    ObjectStores stores = configured(Optional.of("s3-bucket"), Optional.of("fp-bucket"));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> stores.checkAtStart(new Object()));

    assertTrue(e.getMessage().contains("configure one object store"), e.getMessage());
    assertThrows(IllegalStateException.class, stores::objectStore);
  }

  @Test
  void plainHttpToARemoteGcsEndpointIsRefusedAtStart() {
    ObjectStores stores = configured(Optional.empty(), Optional.of("fp-bucket"));
    stores.gcsEndpoint = Optional.of("http://storage.example.com");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> stores.checkAtStart(new Object()));

    assertTrue(e.getMessage().contains("https only"), e.getMessage());
  }

  private static ObjectStores configured(Optional<String> s3Bucket, Optional<String> gcsBucket) {
    ObjectStores stores = new ObjectStores();
    stores.localRoot = "/nonexistent";
    stores.localKeys = Optional.empty();
    stores.activeKey = Optional.empty();
    stores.bucket = s3Bucket;
    stores.endpoint = Optional.empty();
    stores.prefix = Optional.empty();
    stores.accessKeyId = Optional.empty();
    stores.secretAccessKey = Optional.empty();
    stores.serverSideEncryption = Optional.empty();
    stores.kmsKeyId = Optional.empty();
    stores.gcsBucket = gcsBucket;
    stores.gcsProject = Optional.empty();
    stores.gcsCredentialsFile = Optional.empty();
    stores.gcsPrefix = Optional.of("fp");
    stores.gcsKmsKeyName = Optional.empty();
    stores.gcsEndpoint = Optional.empty();
    stores.gcsChunkSize = GcsSettings.DEFAULT_CHUNK_SIZE;
    return stores;
  }
}
