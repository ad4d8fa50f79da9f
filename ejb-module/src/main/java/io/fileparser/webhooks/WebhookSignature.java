package io.fileparser.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification defines them: HMAC-SHA256, keyed with the
 * base64-decoded part of a {@code whsec_} secret, over {@code webhook-id + "." + webhook-timestamp
 * + "." + body} (the exact bytes sent), written {@code v1,<base64>}. Several secrets (a rotation's
 * overlap) give several signatures separated by spaces, which receivers accept if any matches.
 */
public final class WebhookSignature {

  public static final String SECRET_PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64 (the spec asks for 24 to 64). */
  public static String newSecret() {
    byte[] key = new byte[SECRET_BYTES];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} header value for one or more secrets, first secret first. */
  public static String header(List<String> secrets, String webhookId, long timestamp, byte[] body) {
    return secrets.stream()
        .map(secret -> sign(secret, webhookId, timestamp, body))
        .collect(Collectors.joining(" "));
  }

  /** One signature, {@code v1,<base64 HMAC-SHA256>}. */
  public static String sign(String secret, String webhookId, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keyOf(secret), "HmacSHA256"));
      mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] keyOf(String secret) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }
}
