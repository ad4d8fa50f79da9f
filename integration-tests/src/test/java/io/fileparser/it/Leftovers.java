package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves that refused requests left nothing behind: no staged part, no stored file and no row
 * beyond what the tenant had when watching began. Parts staged before are ignored, so a leftover of
 * one test never fails another.
 */
final class Leftovers {

  private static final List<String> TABLES = List.of("stored_files", "jobs", "idempotency_keys");

  private final String tenant;
  private final Set<Path> stagedBefore;
  private final List<Path> filesBefore;
  private final Map<String, Long> rowsBefore;

  private Leftovers(String tenant) {
    this.tenant = tenant;
    this.stagedBefore = Set.copyOf(FileStore.stagedParts());
    this.filesBefore = FileStore.tenantFiles(tenant);
    this.rowsBefore = rows(tenant);
  }

  /** Starts watching the file store and the tenant's rows; call before sending the request. */
  static Leftovers watch(String tenant) {
    return new Leftovers(tenant);
  }

  void assertNone() {
    Set<Path> newParts = new HashSet<>(FileStore.stagedParts());
    newParts.removeAll(stagedBefore);
    assertEquals(Set.of(), newParts, "staged parts left behind");
    assertEquals(filesBefore, FileStore.tenantFiles(tenant), "stored files of " + tenant);
    assertEquals(rowsBefore, rows(tenant), "rows of " + tenant);
  }

  private static Map<String, Long> rows(String tenant) {
    return Database.counts(tenant, TABLES);
  }
}
