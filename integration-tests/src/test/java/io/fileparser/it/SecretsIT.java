package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The secrets {@code payara/run} gave the test domain (the two database roles' passwords, the local
 * store's keys, the admin password, all kept in {@code var/keys}) reach the server as password
 * aliases: none is on a process's command line, which {@code ps} shows to every user of the
 * machine, nor in a file under {@code var/} that another user may read; and the admin port serves
 * nobody without the admin password.
 */
class SecretsIT {

  /** A group- or world-readable file is read this far; the store's objects are encrypted anyway. */
  private static final int READ_LIMIT = 64 * 1024 * 1024;

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void noProcessCommandLineHoldsASecret() throws Exception {
    Map<String, String> secrets = secrets();
    try (Workers worker = Workers.start()) {
      List<String> commandLines = CommandLines.all();

      Path domainDir = payaraDomainDir();
      assertTrue(
          commandLines.stream().anyMatch(line -> line.contains(domainDir.toString())),
          "the server's java process is not among the command lines");
      assertTrue(
          commandLines.stream().anyMatch(line -> line.contains("-n " + worker.name() + "@")),
          "the worker's process is not among the command lines");
      for (String line : commandLines) {
        secrets.forEach(
            (name, value) ->
                assertFalse(
                    line.contains(value),
                    () -> name + " on the command line of " + CommandLines.program(line)));
      }
    }
  }

  @Test
  void noFileUnderVarThatOthersMayReadHoldsASecret() throws IOException {
    Map<String, String> secrets = secrets();
    Path domainDir = payaraDomainDir();
    List<Path> walked = new ArrayList<>();
    List<String> exposed = new ArrayList<>();
    Files.walkFileTree(
        TestEnvironment.varDir(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            // The Payara installation is unpacked as it comes; of it only the domain is ours.
            return isPayaraInstallOnly(dir) && !domainDir.startsWith(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (!attributes.isRegularFile() || isPayaraInstallOnly(file)) {
              return FileVisitResult.CONTINUE;
            }
            walked.add(file);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
              String content = head(file);
              secrets.forEach(
                  (name, value) -> {
                    if (content.contains(value)) {
                      exposed.add(name + " in " + file + " (" + permissions + ")");
                    }
                  });
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // a file removed while walking (a log rotated)
          }
        });

    assertTrue(walked.contains(domainDir.resolve("config/domain.xml")), "domain.xml not walked");
    assertTrue(walked.contains(domainDir.resolve("logs/server.log")), "server.log not walked");
    assertTrue(
        walked.contains(varDir().resolve("domains/" + TestEnvironment.domain() + ".asadmin")),
        "the rendered domain commands not walked");
    assertEquals(List.of(), exposed);
  }

  @Test
  void domainXmlNamesThePasswordAliasInsteadOfThePassword() throws IOException {
    String domainXml = Files.readString(payaraDomainDir().resolve("config/domain.xml"));
    assertTrue(
        domainXml.contains("value=\"${ALIAS=fileparser-db-password}\""),
        "the schema pool's password is not the alias");
    assertTrue(
        domainXml.contains("value=\"${ALIAS=fileparser-db-app-password}\""),
        "the application pool's password is not the alias");
    secrets()
        .forEach(
            (name, value) -> assertFalse(domainXml.contains(value), () -> name + " in domain.xml"));
  }

  @Test
  void keysAreReadableByTheServersUserOnly() throws IOException {
    Path keys = varDir().resolve("keys");
    assertEquals(
        Set.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE),
        Files.getPosixFilePermissions(keys),
        "var/keys");
    try (var files = Files.list(keys)) {
      for (Path file : files.toList()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertFalse(
            permissions.stream().anyMatch(OTHERS::contains), () -> file + " is " + permissions);
      }
    }
  }

  @Test
  void adminPortRefusesCallersWithoutTheAdminPassword() throws Exception {
    HttpRequest.Builder domain =
        HttpRequest.newBuilder(TestEnvironment.adminUri().resolve("/management/domain"))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(30));

    assertEquals(401, send(domain.copy().GET().build()));
    assertEquals(401, send(domain.copy().header("Authorization", basic("wrong")).GET().build()));
    assertEquals(
        200, send(domain.copy().header("Authorization", basic(adminPassword())).GET().build()));
  }

  /** Each secret the domain was given, by what it is, as read from where payara/run keeps it. */
  private static Map<String, String> secrets() throws IOException {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put(
        "the database password", Files.readString(varDir().resolve("keys/db.password")).strip());
    secrets.put(
        "the application's database password",
        Files.readString(varDir().resolve("keys/db-app.password")).strip());
    for (String line : Files.readAllLines(varDir().resolve("keys/storage.keys"))) {
      if (!line.isBlank()) {
        secrets.put(
            "storage key " + line.substring(0, line.indexOf('=')),
            line.substring(line.indexOf('=') + 1));
      }
    }
    secrets.put("the admin password", adminPassword());
    secrets.forEach(
        (name, value) ->
            assertTrue(
                value.length() >= 16, () -> name + " is too short to look for: " + value.length()));
    return secrets;
  }

  private static String adminPassword() {
    Path file = varDir().resolve("keys/" + TestEnvironment.domain() + ".admin-password");
    try {
      String line = Files.readString(file).strip();
      assertTrue(
          line.startsWith("AS_ADMIN_PASSWORD="), () -> file + " is not an asadmin password file");
      return line.substring("AS_ADMIN_PASSWORD=".length());
    } catch (IOException e) {
      throw new UncheckedIOException("no admin password: run payara/run first", e);
    }
  }

  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(READ_LIMIT), StandardCharsets.ISO_8859_1);
    }
  }

  private static int send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String basic(String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a path lies in the Payara installation but outside the test domain's directory. */
  private static boolean isPayaraInstallOnly(Path path) {
    return path.startsWith(varDir().resolve("payara6")) && !path.startsWith(payaraDomainDir());
  }

  private static Path varDir() {
    return TestEnvironment.varDir();
  }

  private static Path payaraDomainDir() {
    return varDir().resolve("payara6/glassfish/domains").resolve(TestEnvironment.domain());
  }
}
