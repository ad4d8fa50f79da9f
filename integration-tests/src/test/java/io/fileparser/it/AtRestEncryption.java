package io.fileparser.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads files of the local store the way the parse worker does: AES-256-GCM in chunks behind a
 * {@code FPE1} header, with the keys {@code payara/run} keeps in {@code var/keys/storage.keys}.
 * Written from the documented layout, so a change of the format shows here as it would in the
 * worker.
 */
final class AtRestEncryption {

  private static final byte[] MAGIC = "FPE1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_BYTES = 16;

  private AtRestEncryption() {}

  static boolean isEncrypted(byte[] stored) {
    return stored.length >= MAGIC.length && Arrays.equals(stored, 0, 4, MAGIC, 0, 4);
  }

  /** The plaintext of a stored file; fails if any chunk does not authenticate. */
  static byte[] decrypt(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    byte[] magic = new byte[4];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC) || in.get() != 1) {
      throw new AssertionError("not an FPE1 version 1 file");
    }
    byte[] keyId = new byte[in.get() & 0xff];
    in.get(keyId);
    byte[] noncePrefix = new byte[8];
    in.get(noncePrefix);
    int chunkSize = in.getInt();
    byte[] header = Arrays.copyOf(stored, in.position());
    SecretKeySpec key = key(new String(keyId, StandardCharsets.US_ASCII));

    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (int chunk = 0; chunk == 0 || in.hasRemaining(); chunk++) {
      byte[] sealed = new byte[Math.min(chunkSize + TAG_BYTES, in.remaining())];
      in.get(sealed);
      byte[] aad = Arrays.copyOf(header, header.length + 1);
      aad[header.length] = (byte) (in.hasRemaining() ? 0 : 1);
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putInt(chunk).array();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(aad);
        plain.writeBytes(cipher.doFinal(sealed));
      } catch (GeneralSecurityException e) {
        throw new AssertionError("chunk " + chunk + " does not decrypt", e);
      }
    }
    return plain.toByteArray();
  }

  private static SecretKeySpec key(String id) {
    Map<String, byte[]> keys = new HashMap<>();
    try {
      for (String line :
          Files.readAllLines(TestEnvironment.varDir().resolve("keys/storage.keys"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          keys.put(
              line.substring(0, eq).strip(),
              Base64.getDecoder().decode(line.substring(eq + 1).strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("no storage keys: run payara/run first", e);
    }
    byte[] key = keys.get(id);
    if (key == null) {
      throw new AssertionError(
          "the file names key '" + id + "', not in storage.keys " + keys.keySet());
    }
    return new SecretKeySpec(key, "AES");
  }
}
