package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KnownTenantsTest {

  @Test
  void remembersWhatItWasToldUntilItIsFullThenStartsOver() {
    KnownTenants known = new KnownTenants();
    assertFalse(known.contains("acme"));
    known.add("acme");
    assertTrue(known.contains("acme"));
    for (int i = 1; i < KnownTenants.MAX; i++) {
      known.add("tenant-" + i);
    }
    assertTrue(known.contains("acme"), "full, not past full");
    known.add("one-more");
    assertFalse(known.contains("acme"), "past its bound it starts over");
    assertTrue(known.contains("one-more"));
  }
}
