package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcsSettingsTest {

  @Test
  void defaultsAreGooglesEndpointAndEightMibChunks() {
    GcsSettings settings = new GcsSettings("bucket-1", " ", null, null, " ", null, 0);

    assertNull(settings.endpoint());
    assertNull(settings.project());
    assertNull(settings.kmsKeyName());
    assertEquals("", settings.prefix());
    assertEquals(8 * 1024 * 1024, settings.chunkSizeBytes());
    assertFalse(settings.hasCredentialsFile());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:4443",
        "http://127.0.0.2:9",
        "http://localhost:4443",
        "http://[::1]:4443",
        "https://storage.example.com",
        "https://10.0.0.5:443"
      })
  void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted(String endpoint) {
    assertEquals(URI.create(endpoint), withEndpoint(endpoint).endpoint());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://storage.example.com",
        "http://10.0.0.5:4443",
        "http://127.0.0.1.example.com",
        "http://localhost.example.com",
        "ftp://127.0.0.1",
        "https://user:pw@storage.example.com",
        "storage.googleapis.com"
      })
  void plainHttpToAnotherHostAndOtherSchemesAreRefused(String endpoint) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> withEndpoint(endpoint));

    assertTrue(e.getMessage().contains("fileparser.storage.gcs.endpoint"), e.getMessage());
  }

  @Test
  void theRefusalOfPlainHttpSaysWhy() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> withEndpoint("http://gcs.internal:80"));

    assertTrue(e.getMessage().contains("https only"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 262_143, 262_145, 1_000_000, -262_144})
  void chunkSizesMustBeMultiplesOf256KiB(int size) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GcsSettings("bucket-1", null, null, null, null, null, size));
  }

  @Test
  void prefixLosesItsOuterSlashes() {
    assertEquals("a/b", new GcsSettings("bucket-1", null, null, "/a/b/", null, null, 0).prefix());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/../b", "..", "./a", "a//b", "a b", "a\\b"})
  void prefixesWithDotSegmentsOrOddCharactersAreRefused(String prefix) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GcsSettings("bucket-1", null, null, prefix, null, null, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ab", "Upper", "-start", "end-", "goog-bucket", "with space"})
  void unusableBucketNamesAreRefused(String bucket) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new GcsSettings(bucket, null, null, null, null, null, 0));
  }

  @Test
  void aKmsKeyMustBeAKeyResourceName() {
    String key = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k";
    assertEquals(key, new GcsSettings("bucket-1", null, null, null, key, null, 0).kmsKeyName());
    assertThrows(
        IllegalArgumentException.class,
        () -> new GcsSettings("bucket-1", null, null, null, "my-key", null, 0));
  }

  @Test
  void toStringNamesTheKeyFileNotItsContent() {
    String text =
        new GcsSettings("bucket-1", "proj", Path.of("/etc/fp/key.json"), "p", null, null, 0)
            .toString();

    assertTrue(text.contains("/etc/fp/key.json"), text);
    assertTrue(text.contains("https://storage.googleapis.com"), text);
  }

  private static GcsSettings withEndpoint(String endpoint) {
    return new GcsSettings("bucket-1", null, null, null, null, URI.create(endpoint), 0);
  }
}
