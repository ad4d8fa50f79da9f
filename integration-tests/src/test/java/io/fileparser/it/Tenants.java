package io.fileparser.it;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh tenant ids, so that no test ever sees another test's data. */
final class Tenants {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tenants() {}

  static String fresh() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return "t-" + HexFormat.of().formatHex(bytes);
  }
}
