package io.fileparser.storage;

import static io.fileparser.storage.ChunkedAesGcmTest.keyBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyRingTest {

  private static final String K1 = "k1=" + encoded(1);
  private static final String K2 = "k2=" + encoded(2);
  private static final String K3 = "k3=" + encoded(3);

  @Test
  void activeKeyIsTheLastListedWhenNoneIsNamed() {
    assertEquals("k3", KeyRing.parse(K1 + "," + K2 + "," + K3, null).activeId());
  }

  @Test
  void blankActiveKeyCountsAsNoneNamed() {
    assertEquals("k2", KeyRing.parse(K1 + "," + K2, " ").activeId());
  }

  @Test
  void appendingAKeyMakesItActive() {
    KeyRing before = KeyRing.parse(K1, null);
    KeyRing after = KeyRing.parse(K1 + "," + K2 + ", ", null);

    assertEquals("k1", before.activeId());
    assertEquals("k2", after.activeId());
  }

  @Test
  void namedActiveKeyWins() {
    assertEquals("k1", KeyRing.parse(K1 + "," + K2, "k1").activeId());
  }

  @Test
  void refusesShortKeysUnknownActiveIdsAndBadIds() {
    assertThrows(IllegalArgumentException.class, () -> new KeyRing(Map.of("k", new byte[16]), "k"));
    assertThrows(
        IllegalArgumentException.class, () -> new KeyRing(Map.of("k", keyBytes(1)), "other"));
    assertThrows(
        IllegalArgumentException.class, () -> new KeyRing(Map.of("a b", keyBytes(1)), "a b"));
    assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(K1, "k2"));
    assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(" , ", null));
  }

  @Test
  void neverShowsKeyMaterial() {
    assertFalse(KeyRing.parse(K1, null).toString().contains(encoded(1)));
  }

  private static String encoded(int seed) {
    return Base64.getEncoder().encodeToString(keyBytes(seed));
  }
}
