package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application-server instances on the same PostgreSQL database and Redis: the IT domain and a
 * second domain of its own (ports 25xxx with the default IT port base 28000: {@code it.portbase -
 * 3000}) from {@code payara/run}, sharing the file store as instances behind one load balancer
 * share a mount or a bucket. A job uploaded through the second reaches a WebSocket subscriber on
 * the first with every event exactly once, although both instances hear every report of the worker.
 */
class SecondInstanceIT {

  private static final String DOMAIN = "fileparser-it-second";
  private static final int PORTBASE = TestEnvironment.ownDomainPortBase(-3000);
  private static final URI SECOND = URI.create("http://127.0.0.1:" + (PORTBASE + 80));

  private static Workers worker;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    Path root = TestEnvironment.repoDir();
    // A domain left by an earlier run keeps its old settings: start from a new one. Not with
    // --fresh, which would drop the database the first instance is using.
    stopSecondInstance();
    deleteTree(TestEnvironment.varDir().resolve("payara6/glassfish/domains/" + DOMAIN));
    Files.deleteIfExists(TestEnvironment.varDir().resolve("domains/" + DOMAIN + ".env"));
    List<String> command =
        new ArrayList<>(
            List.of(
                root.resolve("payara/run").toString(),
                "--no-build",
                "--no-worker",
                "--domain",
                DOMAIN,
                "--portbase",
                Integer.toString(PORTBASE),
                "--db",
                TestEnvironment.jdbcUrl().substring(TestEnvironment.jdbcUrl().lastIndexOf('/') + 1),
                "--redis-db",
                TestEnvironment.redisUri()
                    .substring(TestEnvironment.redisUri().lastIndexOf('/') + 1),
                "--store",
                FileStore.root().toString(),
                "--set",
                "fileparser.progress.min-interval-ms=200",
                "--set",
                "fileparser.rate-limit.free.read=6/60"));
    Process run = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    if (!run.waitFor(10, TimeUnit.MINUTES) || run.exitValue() != 0) {
      throw new IllegalStateException("the second instance did not start");
    }
    worker = Workers.start();
  }

  @AfterAll
  static void stopSecondInstance() throws Exception {
    if (worker != null) {
      worker.close();
      worker = null;
    }
    Path root = TestEnvironment.repoDir();
    new ProcessBuilder(root.resolve("payara/stop").toString(), "--domain", DOMAIN, "--quiet")
        .directory(root.toFile())
        .inheritIO()
        .start()
        .waitFor(5, TimeUnit.MINUTES);
  }

  @Test
  void anEventRaisedOnOneInstanceReachesASubscriberOnTheOtherExactlyOnce() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (EventSocket onFirst = EventSocket.bearer(token)) {
      onFirst.subscribeTenant("all");

      ApiResponse uploaded =
          Api.call("POST", SECOND.resolve("/api/parser/upload"))
              .bearer(token)
              .multipart(Multipart.file("elsewhere.csv", SampleFiles.csv(tenant)))
              .send();
      assertEquals(201, uploaded.status(), uploaded::toString);
      String jobId = uploaded.json().path("id").asText();

      List<JsonNode> events = onFirst.eventsOf(jobId, "job.completed", Duration.ofSeconds(90));
      assertEquals(
          IntStream.rangeClosed(1, events.size()).boxed().toList(),
          events.stream().map(e -> e.path("seq").asInt()).toList(),
          events::toString);
      Set<String> reports = new HashSet<>();
      for (JsonNode event : events) {
        if (event.path("type").asText().equals("job.progress")) {
          String report =
              event.path("data").path("step").asText()
                  + "/"
                  + event.path("data").path("percent").asInt()
                  + "/"
                  + event.path("data").path("message").asText();
          assertEquals(true, reports.add(report), () -> "a report produced twice: " + events);
        }
      }
      JsonNode history = Jobs.history(token, jobId);
      assertEquals(history.size(), events.size(), history::toString);
    }
  }

  @Test
  void theSecondInstanceServesTheSameTenantsJobs() {
    String tenant = Tenants.fresh();
    String jobId = Uploads.create(tenant, "first.csv", SampleFiles.csv(tenant)).path("id").asText();

    ApiResponse status =
        Api.call("GET", SECOND.resolve("/api/parser/status/" + jobId))
            .bearer(Tokens.of(tenant, "viewer"))
            .send();

    assertEquals(200, status.status(), status::toString);
    assertEquals(jobId, status.json().path("id").asText());
  }

  @Test
  void aRateLimitHoldsAcrossInstances() throws Exception {
    String tenant = RateLimitIT.freeTenant();
    String token = Tokens.of(tenant, "viewer");
    URI onFirst = TestEnvironment.apiUri("/jobs");
    URI onSecond = SECOND.resolve("/api/parser/jobs");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, RateLimitIT.listJobs(onFirst, token).status());
      assertEquals(200, RateLimitIT.listJobs(onSecond, token).status());
    }

    ApiResponse refused = RateLimitIT.listJobs(onSecond, token);

    assertEquals(429, refused.status(), refused::toString);
    assertEquals(429, RateLimitIT.listJobs(onFirst, token).status());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
