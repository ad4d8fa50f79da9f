package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Checks that a refused upload left nothing behind: no staged part, stored file or row. */
final class Leftovers {

  private Leftovers() {}

  static void assertNoneFor(String tenant) {
    assertEquals(List.of(), FileStore.stagedParts(), "staged parts left behind");
    assertEquals(List.of(), FileStore.tenantFiles(tenant), "stored files of " + tenant);
    assertEquals(0, Database.count("stored_files", tenant), "stored_files rows of " + tenant);
    assertEquals(0, Database.count("jobs", tenant), "jobs rows of " + tenant);
    assertEquals(0, Database.count("idempotency_keys", tenant), "idempotency rows of " + tenant);
  }
}
