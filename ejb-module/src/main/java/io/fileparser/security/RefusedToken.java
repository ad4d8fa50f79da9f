package io.fileparser.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.tenancy.TenantId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Why a bearer token the server's JWT mechanism refused was refused, and which tenant it claims,
 * read without trusting it: the mechanism says only "no", and the audit trail counts refusals by
 * reason. The token's text is read here and forgotten; only the reason and a claimed tenant id (in
 * the tenant-id format) leave this class.
 *
 * <p>The order: not a JWT at all is {@code token_malformed}; a signature that is not one of the
 * trusted key (or none, or another algorithm) is {@code token_bad_signature} whatever its claims
 * say, since such claims are anyone's; a genuine token past its expiry and the clock skew is {@code
 * token_expired}; anything else (issuer, audience, maximum age) is {@code token_rejected}. Without
 * the trusted key at hand the signature is not judged.
 */
public record RefusedToken(AuthFailureReason reason, String claimedTenant) {

  /** Longer tokens are not read: reading them must cost an attacker more than it costs us. */
  static final int MAX_LENGTH = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALGORITHM = "RS256";

  /**
   * Reads a refused token.
   *
   * @param trustedKey the key tokens must be signed with (RS256), or null when unknown
   * @param tenantClaim the claim naming the caller's tenant
   */
  public static RefusedToken read(
      String token, PublicKey trustedKey, String tenantClaim, Instant now, Duration skew) {
    if (token == null || token.length() > MAX_LENGTH) {
      return new RefusedToken(AuthFailureReason.TOKEN_MALFORMED, null);
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return new RefusedToken(AuthFailureReason.TOKEN_MALFORMED, null);
    }
    JsonNode header = json(parts[0]);
    JsonNode claims = json(parts[1]);
    if (header == null || claims == null || !header.isObject() || !claims.isObject()) {
      return new RefusedToken(AuthFailureReason.TOKEN_MALFORMED, null);
    }
    JsonNode tenant = claims.get(tenantClaim);
    String claimed = tenant != null && tenant.isTextual() ? tenant.asText() : null;
    claimed = TenantId.isValid(claimed) ? claimed : null;
    if (trustedKey != null
        && !(ALGORITHM.equals(header.path("alg").asText())
            && verifies(parts[0] + "." + parts[1], parts[2], trustedKey))) {
      return new RefusedToken(AuthFailureReason.TOKEN_BAD_SIGNATURE, claimed);
    }
    JsonNode exp = claims.get("exp");
    if (exp != null
        && exp.isNumber()
        && Instant.ofEpochSecond(exp.asLong()).plus(skew).isBefore(now)) {
      return new RefusedToken(AuthFailureReason.TOKEN_EXPIRED, claimed);
    }
    return new RefusedToken(AuthFailureReason.TOKEN_REJECTED, claimed);
  }

  /**
   * The key of {@code mp.jwt.verify.publickey}: one line of base64 DER (X.509 SubjectPublicKeyInfo)
   * of an RSA key; null when absent or not such a key.
   */
  public static PublicKey rsaKey(String base64Der) {
    if (base64Der == null || base64Der.isBlank()) {
      return null;
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64Der.strip());
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return null;
    }
  }

  private static boolean verifies(String signedPart, String signature, PublicKey key) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(signedPart.getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(Base64.getUrlDecoder().decode(signature));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static JsonNode json(String part) {
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(part));
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }
}
