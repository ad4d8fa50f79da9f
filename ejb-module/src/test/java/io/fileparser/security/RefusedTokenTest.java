package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Why a refused bearer token was refused, read without trusting it. */
class RefusedTokenTest {

  private static final KeyPair TRUSTED = keyPair();
  private static final KeyPair FOREIGN = keyPair();
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(30);

  @Test
  void garbageIsMalformedAndClaimsNothing() {
    for (String token : new String[] {"not-a-jwt", "abc.def.ghi", "a.b", "", "x".repeat(20_000)}) {
      RefusedToken refused = read(token);
      assertEquals(AuthFailureReason.TOKEN_MALFORMED, refused.reason(), token);
      assertNull(refused.claimedTenant());
    }
  }

  @Test
  void aForeignSignatureIsABadSignatureWhateverItsClaims() {
    RefusedToken refused = read(token(FOREIGN.getPrivate(), "RS256", "acme", NOW.plusSeconds(60)));

    assertEquals(AuthFailureReason.TOKEN_BAD_SIGNATURE, refused.reason());
    assertEquals("acme", refused.claimedTenant(), "claimed, not trusted");
  }

  @Test
  void anUnsignedTokenIsABadSignature() {
    String signed = token(TRUSTED.getPrivate(), "RS256", "acme", NOW.plusSeconds(60));
    String[] parts = signed.split("\\.");
    String none = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";

    assertEquals(AuthFailureReason.TOKEN_BAD_SIGNATURE, read(none).reason());
  }

  @Test
  void aGenuineTokenPastItsExpiryAndTheSkewIsExpired() {
    RefusedToken refused = read(token(TRUSTED.getPrivate(), "RS256", "acme", NOW.minusSeconds(31)));

    assertEquals(AuthFailureReason.TOKEN_EXPIRED, refused.reason());
    assertEquals("acme", refused.claimedTenant());
  }

  @Test
  void aGenuineUnexpiredTokenWasRejectedForSomethingElse() {
    RefusedToken refused = read(token(TRUSTED.getPrivate(), "RS256", "acme", NOW.minusSeconds(29)));

    assertEquals(AuthFailureReason.TOKEN_REJECTED, refused.reason());
  }

  @Test
  void withoutTheTrustedKeyTheSignatureIsNotJudged() {
    String foreign = token(FOREIGN.getPrivate(), "RS256", "acme", NOW.minusSeconds(3600));

    RefusedToken refused = RefusedToken.read(foreign, null, "tenant_id", NOW, SKEW);

    assertEquals(AuthFailureReason.TOKEN_EXPIRED, refused.reason());
  }

  @Test
  void aClaimedTenantBreakingTheTenantIdRuleIsDropped() {
    RefusedToken refused = read(token(FOREIGN.getPrivate(), "RS256", "../etc", NOW));

    assertNull(refused.claimedTenant());
  }

  @Test
  void theConfiguredKeyIsReadFromOneLineOfBase64Der() {
    String line = Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded());

    assertNotNull(RefusedToken.rsaKey(line));
    assertNull(RefusedToken.rsaKey("not base64 der"));
    assertNull(RefusedToken.rsaKey(null));
  }

  private static RefusedToken read(String token) {
    return RefusedToken.read(token, TRUSTED.getPublic(), "tenant_id", NOW, SKEW);
  }

  private static String token(PrivateKey key, String alg, String tenant, Instant exp) {
    String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
    String claims =
        b64(
            "{\"sub\":\"u\",\"tenant_id\":\""
                + tenant
                + "\",\"exp\":"
                + exp.getEpochSecond()
                + "}");
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header
          + "."
          + claims
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
