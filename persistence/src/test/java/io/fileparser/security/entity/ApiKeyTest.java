package io.fileparser.security.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An API key's own rules: when it works. */
class ApiKeyTest {

  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void keyWithoutExpiryNeverExpires() {
    ApiKey key = key(null);

    assertNull(key.getExpiresAt());
    assertFalse(key.isExpiredAt(CREATED.plus(Duration.ofDays(36_500))));
    assertTrue(key.isUsableAt(CREATED.plus(Duration.ofDays(36_500))));
  }

  @Test
  void keyWorksUntilJustBeforeItsExpiry() {
    Instant expiry = CREATED.plus(Duration.ofDays(30));
    ApiKey key = key(expiry);

    assertTrue(key.isUsableAt(expiry.minusNanos(1000)));
    assertFalse(key.isUsableAt(expiry), "the expiry instant itself is past the key's life");
    assertTrue(key.isExpiredAt(expiry.plusSeconds(1)));
  }

  @Test
  void revokedKeyIsUnusableBeforeItsExpiry() {
    ApiKey key = key(CREATED.plus(Duration.ofDays(30)));

    key.revoke("user:alice", CREATED.plusSeconds(60));

    assertFalse(key.isUsableAt(CREATED.plusSeconds(61)));
    assertFalse(key.isExpiredAt(CREATED.plusSeconds(61)));
  }

  @Test
  void expiryMustComeAfterCreation() {
    assertThrows(IllegalArgumentException.class, () -> key(CREATED));
    assertThrows(IllegalArgumentException.class, () -> key(CREATED.minusSeconds(1)));
  }

  @Test
  void rolesRoundTripThroughTheStoredForm() {
    assertEquals(Set.of("admin", "service"), key(null).getRoles());
  }

  private static ApiKey key(Instant expiresAt) {
    return new ApiKey(
        UUID.randomUUID(),
        "acme",
        "ci",
        "AbCdEfGh2345",
        new byte[32],
        Set.of("admin", "service"),
        "user:alice",
        CREATED,
        expiresAt);
  }
}
