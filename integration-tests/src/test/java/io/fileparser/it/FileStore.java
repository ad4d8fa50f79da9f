package io.fileparser.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The IT domain's local file store, seen from the disk. */
final class FileStore {

  private FileStore() {}

  static Path root() {
    return TestEnvironment.varDir().resolve("files").resolve(TestEnvironment.domain());
  }

  /** Uploads in flight (or abandoned): {@code staging/**}{@code /*.part}. */
  static List<Path> stagedParts() {
    return files(root().resolve("staging")).stream()
        .filter(p -> p.getFileName().toString().endsWith(".part"))
        .toList();
  }

  /** Every stored file of the tenant. */
  static List<Path> tenantFiles(String tenant) {
    return files(root().resolve("tenants").resolve(tenant));
  }

  /** Where content-addressed storage keeps the tenant's file with this hash. */
  static Path storedFile(String tenant, String sha256) {
    return root()
        .resolve("tenants")
        .resolve(tenant)
        .resolve(sha256.substring(0, 2))
        .resolve(sha256);
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
