package io.fileparser.it;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the system under test runs: the failsafe plugin passes these as system properties; the
 * defaults match the IT domain that {@code payara/run --portbase 28000} starts.
 */
final class TestEnvironment {

  private TestEnvironment() {}

  static URI baseUri() {
    return URI.create(System.getProperty("it.baseUri", "http://127.0.0.1:28080"));
  }

  /** The HTTPS listener, by the name its development certificate carries. */
  static URI tlsBaseUri() {
    return URI.create(System.getProperty("it.tlsBaseUri", "https://localhost:28081"));
  }

  /** The API root, {@code .../api/parser}. */
  static URI apiUri(String path) {
    return baseUri().resolve("/api/parser" + (path.startsWith("/") ? path : "/" + path));
  }

  /** The domain's admin port (asadmin, the admin console and its REST interface). */
  static URI adminUri() {
    return URI.create(System.getProperty("it.adminUri", "http://127.0.0.1:28048"));
  }

  static URI serverUri(String path) {
    return baseUri().resolve(path);
  }

  static Path varDir() {
    return Path.of(System.getProperty("it.varDir", "/work/main/var"));
  }

  /** The repository's root directory (tools/openapi holds the OpenAPI linter). */
  static Path repoDir() {
    return Path.of(System.getProperty("it.repoDir", varDir().getParent().toString()));
  }

  static String domain() {
    return System.getProperty("it.domain", "fileparser-it");
  }

  /** The Redis database the IT domain and its workers use as broker. */
  static String redisUri() {
    return System.getProperty("it.redisUri", "redis://127.0.0.1:6379/1");
  }

  static String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("it.db", "fileparser_it");
  }

  /**
   * The IT domain's {@code fileparser.jobs.bulk.max-items}: how many jobs one bulk request names.
   */
  static int bulkMaxItems() {
    return Integer.getInteger("it.bulkMaxItems", 8);
  }

  /** The IT domain's port base ({@code payara/run --portbase}); its listeners are offsets of it. */
  static int portBase() {
    return Integer.getInteger("it.portbase", 28000);
  }

  /**
   * The port base of a domain a test starts of its own, {@code offset} from the IT domain's (25000
   * for SecondInstanceIT and 27000 for S3StorageIT with the default 28000), so that two checkouts
   * running their tests side by side on different port bases never share one. The system property
   * {@code property}, when set, names the port base instead (where the derived one is taken).
   */
  static int ownDomainPortBase(String property, int offset) {
    return Integer.getInteger(property, portBase() + offset);
  }
}
