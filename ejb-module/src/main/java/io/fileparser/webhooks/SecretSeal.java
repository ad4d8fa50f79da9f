package io.fileparser.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps endpoint secrets encrypted at rest. A secret must be recoverable (the server signs with
 * it), so it is sealed with AES-256-GCM under {@code fileparser.webhooks.secret-key}, a key of its
 * own (the object store's key ring is for files and rotates on its own terms), with the endpoint's
 * id as associated data so a sealed secret copied onto another row does not open. Sealed form:
 * {@code a1:<base64 of nonce and ciphertext>}.
 *
 * <p>Without a key configured the secret is kept as {@code plain:<secret>} (development only; the
 * settings log a warning at start). A sealed secret is never readable without the key.
 */
public final class SecretSeal {

  private static final String SEALED = "a1:";
  private static final String PLAIN = "plain:";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /**
   * @param base64Key 32 bytes in base64, or null/blank for none
   */
  public SecretSeal(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      this.key = null;
      return;
    }
    byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
    if (bytes.length != 32) {
      throw new IllegalArgumentException("the webhook secret key must be 32 bytes in base64");
    }
    this.key = new SecretKeySpec(bytes, "AES");
  }

  public boolean hasKey() {
    return key != null;
  }

  public String seal(String secret, UUID endpointId) {
    if (key == null) {
      return PLAIN + secret;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return SEALED + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /**
   * @throws IllegalStateException when the secret is sealed and the key is missing or another
   */
  public String open(String stored, UUID endpointId) {
    if (stored.startsWith(PLAIN)) {
      return stored.substring(PLAIN.length());
    }
    if (!stored.startsWith(SEALED) || key == null) {
      throw new IllegalStateException(
          "the secret of webhook endpoint " + endpointId + " is sealed and no key opens it");
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(SEALED.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
      cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.UTF_8));
      return new String(
          cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the secret of webhook endpoint " + endpointId + " does not open with the configured key",
          e);
    }
  }
}
