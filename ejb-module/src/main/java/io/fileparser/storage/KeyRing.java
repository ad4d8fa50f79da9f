package io.fileparser.storage;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of the local file store, by id. New objects are written with the active key;
 * every object names the key it was written with, so old objects stay readable after a rotation
 * until they are re-encrypted. Configured as {@code id=base64key[,id=base64key...]}.
 *
 * <p>Unless named, the active key is the last one listed, so a rotation is one appended key (one
 * more line in {@code payara/run}'s {@code var/keys/storage.keys}). The worker's key ring ({@code
 * worker/parser_worker/crypto.py}) and the start scripts choose the same default.
 */
public final class KeyRing {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, SecretKey> keys;
  private final String activeId;

  public KeyRing(Map<String, byte[]> keys, String activeId) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the key ring is empty");
    }
    Map<String, SecretKey> copy = new LinkedHashMap<>();
    keys.forEach(
        (id, key) -> {
          if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid key id '" + id + "'");
          }
          if (key.length != 32) {
            throw new IllegalArgumentException("key '" + id + "' is not 256 bits");
          }
          copy.put(id, new SecretKeySpec(key, "AES"));
        });
    if (!copy.containsKey(activeId)) {
      throw new IllegalArgumentException("the active key '" + activeId + "' is not in the ring");
    }
    this.keys = Map.copyOf(copy);
    this.activeId = activeId;
  }

  /**
   * Parses {@code id=base64key,id2=base64key2}.
   *
   * @param activeId the key new objects are written with; null or blank for the last one listed
   */
  public static KeyRing parse(String spec, String activeId) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("key ring entries are id=base64key");
      }
      keys.put(trimmed.substring(0, eq), Base64.getDecoder().decode(trimmed.substring(eq + 1)));
    }
    boolean named = activeId != null && !activeId.isBlank();
    String lastListed = keys.keySet().stream().reduce((first, second) -> second).orElse(null);
    return new KeyRing(keys, named ? activeId : lastListed);
  }

  public String activeId() {
    return activeId;
  }

  SecretKey active() {
    return keys.get(activeId);
  }

  SecretKey get(String id) {
    SecretKey key = keys.get(id);
    if (key == null) {
      throw new IllegalStateException("no key '" + id + "' in the key ring");
    }
    return key;
  }

  @Override
  public String toString() {
    return "KeyRing[active=" + activeId + ", ids=" + keys.keySet() + "]";
  }
}
