package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The application and its worker on a Redis that wants an ACL user's password and speaks only TLS:
 * a domain of its own (ports 26xxx, database {@code fileparser_it_secure}) started by {@code
 * payara/run --redis rediss://... --redis-user --redis-password-file --redis-ca} with a worker,
 * against a redis-server this test starts. Jobs complete through it; the password shows on no
 * command line and in no file others may read; the Redis really refuses plain text and wrong
 * passwords (so the application used TLS and the password); readiness goes down while Redis refuses
 * the application's credentials.
 */
class SecureRedisIT {

  private static final String DOMAIN = "fileparser-it-secure";
  private static final int PORTBASE = 26000;
  private static final int REDIS_DB = 3;
  private static final URI BASE = URI.create("http://127.0.0.1:" + (PORTBASE + 80));
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static SecureRedis redis;

  @BeforeAll
  static void startDomainOnSecureRedis() throws Exception {
    Path work = TestEnvironment.varDir().resolve("it-secure-redis");
    deleteTree(work);
    redis = SecureRedis.start(work);
    run(
        "payara/run",
        "--no-build",
        "--fresh",
        "--domain",
        DOMAIN,
        "--portbase",
        Integer.toString(PORTBASE),
        "--db",
        "fileparser_it_secure",
        "--redis",
        redis.uri(REDIS_DB),
        "--redis-user",
        SecureRedis.USER,
        "--redis-password-file",
        redis.passwordFile().toString(),
        "--redis-ca",
        redis.caFile().toString());
  }

  @AfterAll
  static void stopDomainAndRedis() throws Exception {
    try {
      run("payara/stop", "--domain", DOMAIN, "--quiet");
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  @Test
  void uploadedCsvIsParsedByTheWorkerThroughTheSecureRedis() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(BASE.resolve("/api/parser/upload"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .header("Content-Disposition", "attachment; filename=\"secure.csv\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SampleFiles.csv(tenant))));
    assertEquals(201, created.statusCode(), created::body);
    String jobId = ApiResponse.JSON.readTree(created.body()).path("id").asText();

    JsonNode job = awaitFinished(token, jobId, Duration.ofSeconds(90));
    assertEquals("COMPLETED", job.path("state").asText(), job::toString);

    // Everyone on this Redis came over TLS (it has no plain-text port) as the ACL user: the API's
    // pool and subscriber, and the worker's broker and backend connections.
    try (Jedis admin = redis.connect()) {
      List<String> clients = admin.clientList().lines().toList();
      assertTrue(
          clients.stream().anyMatch(c -> c.contains(" name=file-parser ")),
          () -> "no API pool connection: " + clients);
      assertTrue(
          clients.stream().anyMatch(c -> c.contains(" name=file-parser-subscriber ")),
          () -> "no API subscriber: " + clients);
      assertTrue(
          clients.stream().filter(c -> c.contains(" db=" + REDIS_DB + " ")).count() >= 4,
          () -> "API and worker connections expected on db " + REDIS_DB + ": " + clients);
      assertTrue(
          clients.stream().allMatch(c -> c.contains(" user=" + SecureRedis.USER + " ")),
          () -> "a client not authenticated as " + SecureRedis.USER + ": " + clients);
    }
  }

  @Test
  void passwordAppearsOnNoProcessCommandLine() throws Exception {
    Process ps = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
    String commandLines = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(ps.waitFor(30, TimeUnit.SECONDS));
    assertTrue(
        commandLines.contains("payara6") && commandLines.contains("parser_worker.app"),
        "the domain and the worker run: " + commandLines.length() + " characters of ps output");
    assertFalse(
        commandLines.contains(redis.password()),
        () ->
            "on a command line: "
                + commandLines
                    .lines()
                    .filter(l -> l.contains(redis.password()))
                    .map(l -> l.replace(redis.password(), "<password>"))
                    .toList());
  }

  @Test
  void passwordIsInNoFileOthersMayRead() throws Exception {
    byte[] secret = redis.password().getBytes(StandardCharsets.UTF_8);
    List<Path> exposed = new ArrayList<>();
    int read = 0;
    try (Stream<Path> files = Files.walk(TestEnvironment.varDir())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Set<PosixFilePermission> permissions;
        try {
          permissions = Files.getPosixFilePermissions(file);
        } catch (IOException gone) {
          continue; // a log rotated or a temp file removed meanwhile
        }
        if (!permissions.contains(PosixFilePermission.GROUP_READ)
            && !permissions.contains(PosixFilePermission.OTHERS_READ)) {
          continue;
        }
        read++;
        if (contains(file, secret)) {
          exposed.add(file);
        }
      }
    }
    assertTrue(read > 100, "walked the domain and var/: " + read + " readable files");
    assertEquals(List.of(), exposed, "readable by group or others and holding the password");
    // The alias store is encrypted with the default master password, which everyone knows.
    Path aliases = domainDir().resolve("config/domain-passwords");
    assertTrue(Files.exists(aliases));
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(aliases));
  }

  @Test
  void redisRefusesPlainTextAndWrongOrMissingPasswords() {
    assertThrows(
        JedisConnectionException.class,
        () -> {
          try (Jedis plain = redis.connect(SecureRedis.USER, redis.password(), false)) {
            plain.ping();
          }
        },
        "a plain-text connection to the TLS port");
    assertThrows(
        JedisAccessControlException.class,
        () -> redis.connect(SecureRedis.USER, "not-" + redis.password(), true).close(),
        "a wrong password");
    JedisDataException anonymous =
        assertThrows(
            JedisDataException.class,
            () -> {
              try (Jedis noPassword = redis.connect(null, null, true)) {
                noPassword.ping();
              }
            },
            "no password at all");
    assertTrue(anonymous.getMessage().startsWith("NOAUTH"), anonymous::getMessage);
    try (Jedis right = redis.connect()) {
      assertEquals("PONG", right.ping(), "the right password over TLS");
    }
  }

  @Test
  void readinessGoesDownWhileRedisRefusesTheApplicationsCredentials() throws Exception {
    assertEquals(200, ready(), "ready before");
    String temporary = "changed-" + redis.password();
    try (Jedis admin = redis.connect()) {
      List<String> apiClients =
          admin
              .clientList()
              .lines()
              .filter(c -> c.contains(" name=file-parser"))
              .map(c -> c.substring(3, c.indexOf(' ')))
              .toList();
      assertFalse(apiClients.isEmpty());
      admin.aclSetUser(SecureRedis.USER, "resetpass", ">" + temporary);
      try {
        for (String id : apiClients) {
          admin.clientKill(new ClientKillParams().id(id));
        }
        // Connections the API opens now are refused: WRONGPASS.
        awaitReadiness(503, Duration.ofSeconds(20));
        JsonNode broker = brokerHealth();
        assertFalse(broker.path("up").asBoolean(), broker::toString);
        assertTrue(
            broker.path("details").path("error").asText().contains("WRONGPASS"), broker::toString);
        assertFalse(broker.toString().contains(redis.password()), "no password in the details");
      } finally {
        admin.aclSetUser(SecureRedis.USER, "resetpass", ">" + redis.password());
      }
      awaitReadiness(200, Duration.ofSeconds(20));
      // The progress subscription reconnects by itself (with backoff) once it may again.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (admin
          .clientList()
          .lines()
          .noneMatch(c -> c.contains(" name=file-parser-subscriber "))) {
        if (Instant.now().isAfter(deadline)) {
          fail("the progress subscription did not come back");
        }
        Thread.sleep(500);
      }
    }
  }

  private static int ready() throws Exception {
    return send(HttpRequest.newBuilder(BASE.resolve("/health/ready")).GET()).statusCode();
  }

  private static void awaitReadiness(int status, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    int last;
    while ((last = ready()) != status) {
      if (Instant.now().isAfter(deadline)) {
        fail("/health/ready answered " + last + ", not " + status + ", for " + timeout);
      }
      Thread.sleep(250);
    }
  }

  private static JsonNode brokerHealth() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(BASE.resolve("/api/parser/admin/health"))
                .header("Authorization", "Bearer " + Tokens.operator())
                .GET());
    for (JsonNode dependency : ApiResponse.JSON.readTree(response.body()).path("dependencies")) {
      if (dependency.path("name").asText().equals("broker")) {
        return dependency;
      }
    }
    throw new AssertionError("no broker in " + response.body());
  }

  private static JsonNode awaitFinished(String token, String jobId, Duration timeout)
      throws Exception {
    Set<String> terminal = Set.of("COMPLETED", "FAILED", "CANCELLED", "DEAD_LETTERED");
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(BASE.resolve("/api/parser/status/" + jobId))
                  .header("Authorization", "Bearer " + token)
                  .GET());
      assertEquals(200, response.statusCode(), response::body);
      JsonNode job = ApiResponse.JSON.readTree(response.body());
      if (terminal.contains(job.path("state").asText()) || Instant.now().isAfter(deadline)) {
        return job;
      }
      Thread.sleep(250);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean contains(Path file, byte[] needle) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException gone) {
      return false;
    }
    outer:
    for (int i = 0; i + needle.length <= content.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (content[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Path domainDir() {
    return TestEnvironment.varDir().resolve("payara6/glassfish/domains/" + DOMAIN);
  }

  private static void run(String script, String... args) throws Exception {
    Path root = TestEnvironment.varDir().getParent();
    List<String> command = new ArrayList<>();
    command.add(root.resolve(script).toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
