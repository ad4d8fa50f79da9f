package io.fileparser.api;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

/** The assertion every problem detail must pass: it names no class, package or library. */
final class NamesNoCode {

  private static final Pattern INTERNAL_NAME =
      Pattern.compile(
          "[a-z]+\\.[a-z]+\\.[A-Z]|com\\.fasterxml|(?i:jackson)|java\\.|jakarta\\.|io\\.fileparser"
              + "|org\\.(glassfish|eclipse|hibernate|apache)|`");

  private NamesNoCode() {}

  static void assertNamesNoCode(Object detail) {
    assertFalse(
        detail != null && INTERNAL_NAME.matcher(detail.toString()).find(),
        () -> "names internal code: " + detail);
  }
}
