package io.fileparser.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretSealTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void aSealedSecretOpensForItsEndpointOnlyAndDoesNotShowTheSecret() {
    SecretSeal seal = new SecretSeal(KEY);
    UUID endpoint = UUID.randomUUID();
    String secret = WebhookSignature.newSecret();
    String sealed = seal.seal(secret, endpoint);
    assertFalse(sealed.contains(secret.substring(6)));
    assertEquals(secret, seal.open(sealed, endpoint));
    assertThrows(IllegalStateException.class, () -> seal.open(sealed, UUID.randomUUID()));
    byte[] other = new byte[32];
    other[0] = 1;
    assertThrows(
        IllegalStateException.class,
        () -> new SecretSeal(Base64.getEncoder().encodeToString(other)).open(sealed, endpoint));
    assertThrows(IllegalStateException.class, () -> new SecretSeal(null).open(sealed, endpoint));
  }

  @Test
  void withoutAKeySecretsAreKeptPlainAndSaySo() {
    SecretSeal seal = new SecretSeal(" ");
    UUID endpoint = UUID.randomUUID();
    String sealed = seal.seal("whsec_abc", endpoint);
    assertTrue(sealed.startsWith("plain:"));
    assertEquals("whsec_abc", seal.open(sealed, endpoint));
  }

  @Test
  void aKeyMustBe32Bytes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SecretSeal(Base64.getEncoder().encodeToString(new byte[16])));
  }
}
