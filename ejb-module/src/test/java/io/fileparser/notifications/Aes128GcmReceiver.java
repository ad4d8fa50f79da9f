package io.fileparser.notifications;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser's side of RFC 8291, written from the RFC with the JDK's crypto only (ECDH, HMAC-SHA256
 * as HKDF, AES-128-GCM), independent of the library that encrypts: decrypts one aes128gcm message
 * (RFC 8188) sent to the user agent key pair {@code (uaPrivate, uaPublic)} with {@code authSecret}.
 */
final class Aes128GcmReceiver {

  static final ECParameterSpec P256 = p256();

  private final BigInteger uaPrivate;
  private final byte[] uaPublic;
  private final byte[] authSecret;

  /**
   * @param uaPrivate the user agent's private scalar, 32 bytes
   * @param uaPublic its public key, the 65-byte uncompressed point
   */
  Aes128GcmReceiver(byte[] uaPrivate, byte[] uaPublic, byte[] authSecret) {
    this.uaPrivate = new BigInteger(1, uaPrivate);
    this.uaPublic = uaPublic.clone();
    this.authSecret = authSecret.clone();
  }

  byte[] decrypt(byte[] body) throws GeneralSecurityException {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int recordSize = in.getInt();
    int idLength = in.get() & 0xff;
    byte[] asPublic = new byte[idLength];
    in.get(asPublic);
    byte[] ciphertext = new byte[in.remaining()];
    in.get(ciphertext);
    if (idLength != 65 || ciphertext.length > recordSize) {
      throw new GeneralSecurityException("not a single-record RFC 8291 message");
    }

    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
    KeyFactory ec = KeyFactory.getInstance("EC");
    ecdh.init(ec.generatePrivate(new ECPrivateKeySpec(uaPrivate, P256)));
    ecdh.doPhase(publicKey(asPublic), true);
    byte[] ecdhSecret = ecdh.generateSecret();

    // RFC 8291 section 3.4: IKM from the auth secret, then RFC 8188's CEK and nonce from the salt.
    byte[] prkKey = hmac(authSecret, ecdhSecret);
    byte[] keyInfo =
        concat(
            "WebPush: info".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0},
            uaPublic,
            asPublic);
    byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek = Arrays.copyOf(hmac(prk, info("Content-Encoding: aes128gcm")), 16);
    byte[] nonce = Arrays.copyOf(hmac(prk, info("Content-Encoding: nonce")), 12);

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = gcm.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new GeneralSecurityException("the last record must end with delimiter 0x02");
    }
    return Arrays.copyOf(padded, end);
  }

  /** A P-256 public key from its 65-byte uncompressed point. */
  static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
    if (point.length != 65 || point[0] != 4) {
      throw new GeneralSecurityException("not an uncompressed P-256 point");
    }
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
    return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256));
  }

  /** The uncompressed point of a P-256 public key. */
  static byte[] uncompressed(ECPublicKey key) {
    return concat(new byte[] {4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
  }

  static byte[] fixed(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static byte[] info(String label) {
    return concat(label.getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1});
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }

  private static ECParameterSpec p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return ((ECPublicKey) generator.generateKeyPair().getPublic()).getParams();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
