package io.fileparser.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3SettingsTest {

  private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");

  @Test
  void zeroPartSizeMeansTheDefault() {
    assertEquals(8 * 1024 * 1024, withPartSize(0).partSizeBytes());
  }

  @Test
  void partsSmallerThanS3AcceptsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> withPartSize(5 * 1024 * 1024 - 1));
    assertEquals(5 * 1024 * 1024, withPartSize(5 * 1024 * 1024).partSizeBytes());
  }

  @Test
  void prefixLosesItsOuterSlashesAndMayBeEmpty() {
    assertEquals("a/b", withPrefix("/a/b/").prefix());
    assertEquals("", withPrefix(null).prefix());
    assertEquals("", withPrefix("/").prefix());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/../b", "..", "./a", "a//b", "a b", "a\\b"})
  void prefixesThatAFileSystemBackendCouldResolveAreRefused(String prefix) {
    assertThrows(IllegalArgumentException.class, () -> withPrefix(prefix));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ab", "Upper-Case", "under_score", "-leading", "trailing-"})
  void bucketNamesS3WouldRefuseAreRefused(String bucket) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new S3Settings(ENDPOINT, "us-east-1", bucket, "", true, null, null, null, null, 0));
  }

  @Test
  void staticKeysComeInPairs() {
    assertThrows(IllegalArgumentException.class, () -> withKeys("id", null));
    assertThrows(IllegalArgumentException.class, () -> withKeys(null, "secret"));
    assertTrue(withKeys("id", "secret").hasStaticCredentials());
    assertFalse(withKeys(null, null).hasStaticCredentials());
  }

  @ParameterizedTest
  @ValueSource(strings = {"aes256", "aws:kms:dsse", "SSE-C", ""})
  void onlyTheSupportedEncryptionModesAreAccepted(String mode) {
    assertThrows(IllegalArgumentException.class, () -> withEncryption(mode, null));
  }

  @Test
  void aKmsKeyNeedsKmsEncryption() {
    assertThrows(IllegalArgumentException.class, () -> withEncryption("AES256", "key"));
    assertThrows(IllegalArgumentException.class, () -> withEncryption(null, "key"));
    assertEquals("key", withEncryption("aws:kms", "key").kmsKeyId());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://s3.eu-central-1.amazonaws.com",
        "https://minio.internal:9000",
        "http://127.0.0.1:9000",
        "http://127.0.0.2:9000",
        "http://localhost:9000",
        "http://[::1]:9000"
      })
  void httpsEndpointsAndPlainHttpToLoopbackAreAccepted(String endpoint) {
    assertEquals(URI.create(endpoint), withEndpoint(endpoint).endpoint());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://minio.internal:9000",
        "http://10.0.0.5:9000",
        "http://192.168.1.20",
        "http://0.0.0.0:9000",
        "http://[fd00::5]:9000",
        "ftp://127.0.0.1/x",
        "minio:9000",
        "https:///nohost"
      })
  void anEndpointThatWouldCarryObjectsUnencryptedOverANetworkIsRefused(String endpoint) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> withEndpoint(endpoint));
    assertTrue(
        refused.getMessage().contains("fileparser.storage.s3.endpoint"), refused.getMessage());
  }

  @Test
  void withoutAnEndpointTheSdkDefaultHttpsIsUsed() {
    assertEquals(
        null,
        new S3Settings(null, "us-east-1", "bucket", "", false, null, null, null, null, 0)
            .endpoint());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    String text = withKeys("AKIDEXAMPLE", "wJalrXUtnFEMI").toString();

    assertFalse(text.contains("wJalrXUtnFEMI"), text);
    assertTrue(text.contains("AKIDEXAMPLE"), text);
  }

  private static S3Settings withPartSize(int partSize) {
    return new S3Settings(
        ENDPOINT, "us-east-1", "bucket", "", true, null, null, null, null, partSize);
  }

  private static S3Settings withEndpoint(String endpoint) {
    return new S3Settings(
        URI.create(endpoint), "us-east-1", "bucket", "", true, null, null, null, null, 0);
  }

  private static S3Settings withPrefix(String prefix) {
    return new S3Settings(ENDPOINT, "us-east-1", "bucket", prefix, true, null, null, null, null, 0);
  }

  private static S3Settings withKeys(String id, String secret) {
    return new S3Settings(ENDPOINT, "us-east-1", "bucket", "", true, id, secret, null, null, 0);
  }

  private static S3Settings withEncryption(String mode, String kmsKeyId) {
    return new S3Settings(ENDPOINT, "us-east-1", "bucket", "", true, null, null, mode, kmsKeyId, 0);
  }
}
