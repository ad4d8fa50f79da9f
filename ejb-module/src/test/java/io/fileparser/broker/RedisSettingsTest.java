package io.fileparser.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

  @Test
  void plainUriGivesAddressAndDatabaseWithoutCredentials() {
    RedisSettings settings = RedisSettings.of("redis://127.0.0.1:6379/3", null, null, null);

    assertEquals("127.0.0.1", settings.host());
    assertEquals(6379, settings.port());
    assertEquals(3, settings.database());
    assertFalse(settings.tls());
    assertNull(settings.user());
    assertNull(settings.password());
    assertFalse(settings.authenticates());
  }

  @Test
  void portAndDatabaseDefaultToRedisDefaults() {
    RedisSettings settings = RedisSettings.of("redis://cache.internal", "", "", "");

    assertEquals(6379, settings.port());
    assertEquals(0, settings.database());
    assertNull(settings.caFile());
  }

  @Test
  void redissMeansTls() {
    RedisSettings settings =
        RedisSettings.of("rediss://redis.example.com:6380/1", null, null, null);

    assertTrue(settings.tls());
    assertEquals(6380, settings.port());
    assertNull(settings.caFile(), "no CA file: the JVM's trust store");
  }

  @Test
  void separateSettingsGiveUserPasswordAndCa() {
    RedisSettings settings =
        RedisSettings.of("rediss://redis.example.com:6380/2", "parser", "s3cret", "/etc/ca.pem");

    assertEquals("parser", settings.user());
    assertEquals("s3cret", settings.password());
    assertTrue(settings.authenticates());
    assertEquals(Path.of("/etc/ca.pem"), settings.caFile());
  }

  @Test
  void uriMayNameTheUser() {
    RedisSettings settings =
        RedisSettings.of("rediss://parser@redis.example.com/0", null, "pw", null);

    assertEquals("parser", settings.user());
    assertEquals("pw", settings.password());
  }

  @Test
  void uriUserAndPasswordAreStillHonouredAndDecoded() {
    RedisSettings settings =
        RedisSettings.of("redis://parser:p%40ss%3Aword@h:1/0", null, null, null);

    assertEquals("parser", settings.user());
    assertEquals("p@ss:word", settings.password());
  }

  @Test
  void passwordOnlyInUriAuthenticatesAsTheDefaultUser() {
    RedisSettings settings = RedisSettings.of("redis://:secret@h/0", null, null, null);

    assertNull(settings.user());
    assertEquals("secret", settings.password());
  }

  @Test
  void separateSettingsWinOverTheUri() {
    RedisSettings settings =
        RedisSettings.of("redis://uri-user:uri-pass@h/0", "configured", "configured-pass", null);

    assertEquals("configured", settings.user());
    assertEquals("configured-pass", settings.password());
  }

  @Test
  void passwordIsTakenAsGivenWithItsSpaces() {
    assertEquals(
        " pass word ", RedisSettings.of("redis://h/0", null, " pass word ", null).password());
  }

  @Test
  void caFileWithoutTlsIsRefusedRatherThanIgnored() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RedisSettings.of("redis://h:6379/0", null, null, "/etc/ca.pem"));
    assertTrue(e.getMessage().contains("rediss://"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://h/0", "h:6379", "", "redis:///0", "redis://h/zero", "redis://h/1/2"})
  void unusableUrisAreRefused(String uri) {
    assertThrows(IllegalArgumentException.class, () -> RedisSettings.of(uri, null, null, null));
  }

  @Test
  void errorsNeverQuoteThePassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RedisSettings.of("redis://u:top secret@h/0", null, null, null));
    assertFalse(e.getMessage().contains("top secret"), e.getMessage());
  }

  @Test
  void printedFormsNeverShowThePassword() {
    RedisSettings settings =
        RedisSettings.of("rediss://redis.example.com:6380/2", "parser", "s3cret", "/etc/ca.pem");

    assertEquals("rediss://parser@redis.example.com:6380/2", settings.describe());
    assertFalse(settings.toString().contains("s3cret"), settings.toString());
    assertTrue(settings.toString().contains("****"), settings.toString());
  }
}
