package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Complete resumable uploads by how their checks read them ({@code
 * fileparser_resumable_checks_total}): as the chunks arrived, or read back from the store. System
 * tests run one at a time, so what it grows by during a test is the test's.
 */
record ResumableCheckCounts(long asReceived, long readBack) {

  private static final Pattern SAMPLE =
      Pattern.compile(
          "(?m)^fileparser_resumable_checks_total\\{[^}]*checked=\"([a-z-]+)\"[^}]*\\}\\s+([0-9.eE+]+)");

  /** The counts of the system-test domain. */
  static ResumableCheckCounts now() {
    return of(TestEnvironment.serverUri("/metrics"));
  }

  /** The counts of the domain whose metrics are at {@code metrics}. */
  static ResumableCheckCounts of(URI metrics) {
    ApiResponse response = Api.call("GET", metrics).send();
    assertEquals(200, response.status(), response::toString);
    long asReceived = 0;
    long readBack = 0;
    Matcher m = SAMPLE.matcher(response.text());
    while (m.find()) {
      long value = (long) Double.parseDouble(m.group(2));
      if (m.group(1).equals("as-received")) {
        asReceived += value;
      } else if (m.group(1).equals("read-back")) {
        readBack += value;
      }
    }
    return new ResumableCheckCounts(asReceived, readBack);
  }

  ResumableCheckCounts minus(ResumableCheckCounts earlier) {
    return new ResumableCheckCounts(asReceived - earlier.asReceived, readBack - earlier.readBack);
  }
}
