package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyCredentialTest {

  private static final String PREFIX = "AbCdEfGh2345";
  private static final String SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9";
  private static final String TOKEN = "fpk_" + PREFIX + "_" + SECRET;

  @Test
  void generatedKeySurvivesTokenAndParseRoundTrip() {
    ApiKeyCredential key = ApiKeyCredential.generate();

    assertEquals(Optional.of(key), ApiKeyCredential.parse(key.token()));
  }

  @Test
  void generatedTokenHasTheDocumentedShape() {
    ApiKeyCredential key = ApiKeyCredential.generate();

    assertEquals(12, key.prefix().length());
    assertEquals(43, key.secret().length());
    assertEquals("fpk_" + key.prefix() + "_" + key.secret(), key.token());
  }

  @Test
  void twoGeneratedKeysDiffer() {
    ApiKeyCredential first = ApiKeyCredential.generate();
    ApiKeyCredential second = ApiKeyCredential.generate();

    assertNotEquals(first.prefix(), second.prefix());
    assertNotEquals(first.secret(), second.secret());
  }

  @Test
  void parseSplitsPrefixAndSecret() {
    assertEquals(Optional.of(new ApiKeyCredential(PREFIX, SECRET)), ApiKeyCredential.parse(TOKEN));
  }

  @Test
  void parseAcceptsWhitespacePaddedToken() {
    assertEquals(
        Optional.of(new ApiKeyCredential(PREFIX, SECRET)),
        ApiKeyCredential.parse("  \t" + TOKEN + " \r\n"));
  }

  @Test
  void parseRejectsNull() {
    assertEquals(Optional.empty(), ApiKeyCredential.parse(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "fpx_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        "FPK_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        "AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        "Bearer fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9"
      })
  void parseRejectsWrongPrefix(String presented) {
    assertEquals(Optional.empty(), ApiKeyCredential.parse(presented));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // key prefix of 11 and 13 characters
        "fpk_AbCdEfGh234_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        "fpk_AbCdEfGh23456_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        // secret of 42 and 44 characters
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-",
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9x",
        // nothing after the prefix
        "fpk_AbCdEfGh2345_",
        "fpk_AbCdEfGh2345"
      })
  void parseRejectsWrongLengths(String presented) {
    assertEquals(Optional.empty(), ApiKeyCredential.parse(presented));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // '-' and '_' are allowed in the secret only, never in the prefix
        "fpk_AbCdEfGh234-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        "fpk_AbCdEfGh234é_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-9",
        // standard base64 characters, padding and spaces are not base64url
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_+9",
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_/9",
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-=",
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123_-",
        "fpk_AbCdEfGh2345_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123_-\u0000"
      })
  void parseRejectsBadCharacters(String presented) {
    assertEquals(Optional.empty(), ApiKeyCredential.parse(presented));
  }

  @Test
  void secretHashIsTheSha256OfTheSecret() throws Exception {
    ApiKeyCredential key = new ApiKeyCredential(PREFIX, SECRET);
    byte[] expected =
        MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.US_ASCII));

    assertEquals(32, key.secretHash().length);
    assertArrayEquals(expected, key.secretHash());
  }

  @Test
  void secretHashIsStableAcrossCallsAndParses() {
    ApiKeyCredential key = ApiKeyCredential.generate();
    ApiKeyCredential reparsed = ApiKeyCredential.parse(key.token()).orElseThrow();

    assertArrayEquals(key.secretHash(), key.secretHash());
    assertArrayEquals(key.secretHash(), reparsed.secretHash());
  }

  @Test
  void secretHashDependsOnlyOnTheSecret() {
    assertArrayEquals(
        new ApiKeyCredential(PREFIX, SECRET).secretHash(),
        new ApiKeyCredential("ZZZZZZZZZZZZ", SECRET).secretHash());
  }

  @Test
  void matchesItsOwnStoredHash() {
    ApiKeyCredential key = ApiKeyCredential.generate();
    byte[] stored = key.secretHash();

    assertTrue(ApiKeyCredential.parse(key.token()).orElseThrow().matches(stored));
  }

  @Test
  void doesNotMatchAnotherKeysHash() {
    ApiKeyCredential key = ApiKeyCredential.generate();
    ApiKeyCredential other = ApiKeyCredential.generate();

    assertFalse(key.matches(other.secretHash()));
  }

  @Test
  void samePrefixWithDifferentSecretDoesNotMatch() {
    ApiKeyCredential key = new ApiKeyCredential(PREFIX, SECRET);
    ApiKeyCredential forged =
        new ApiKeyCredential(PREFIX, "Xbcdefghijklmnopqrstuvwxyz" + SECRET.substring(26));

    assertFalse(forged.matches(key.secretHash()));
  }

  @Test
  void doesNotMatchMissingOrEmptyHash() {
    ApiKeyCredential key = ApiKeyCredential.generate();

    assertFalse(key.matches(null));
    assertFalse(key.matches(new byte[0]));
  }

  @Test
  void toStringShowsThePrefixButHidesTheSecret() {
    String text = new ApiKeyCredential(PREFIX, SECRET).toString();

    assertTrue(text.contains(PREFIX), text);
    assertFalse(text.contains(SECRET), text);
    assertFalse(text.contains(SECRET.substring(0, 8)), text);
  }
}
