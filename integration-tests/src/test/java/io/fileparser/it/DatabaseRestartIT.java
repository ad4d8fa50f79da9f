package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts while clients upload and read: every answer is a success or a 503 problem
 * with Retry-After (never a 500), every accepted upload completes, and the service recovers by
 * itself.
 */
class DatabaseRestartIT {

  private static final Duration LOAD = Duration.ofSeconds(12);

  @Test
  void restartingTheDatabaseAnswers503AndLosesNoAcceptedUpload() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    List<String> accepted = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try (Workers worker = Workers.start()) {
      long end = System.nanoTime() + LOAD.toNanos();
      boolean restarted = false;
      int i = 0;
      while (System.nanoTime() < end) {
        if (!restarted && System.nanoTime() > end - LOAD.toNanos() * 2 / 3) {
          restartPostgresqlInBackground();
          restarted = true;
        }
        ApiResponse upload =
            Uploads.multipart(
                token, Multipart.file("load-" + i + ".csv", SampleFiles.csv(tenant + "-" + i)));
        if (check(upload, 201, refused)) {
          accepted.add(upload.json().path("id").asText());
        }
        check(Api.get("/jobs?limit=5").bearer(token).send(), 200, refused);
        if (!accepted.isEmpty()) {
          String last = accepted.get(accepted.size() - 1);
          check(Api.get("/status/" + last).bearer(token).send(), 200, refused);
        }
        i++;
        Jobs.sleep(300);
      }
      assertTrue(restarted);
      assertTrue(accepted.size() >= 5, () -> "accepted " + accepted.size());
      for (String id : accepted) {
        JsonNode job = Jobs.awaitFinished(token, id, Duration.ofSeconds(120));
        assertEquals("COMPLETED", job.path("state").asText(), job::toString);
      }
    }
    System.out.println(
        "DatabaseRestartIT: " + accepted.size() + " uploads accepted, 503s: " + refused);
    awaitReady();
  }

  /** A success with {@code expected}, or a 503 problem with Retry-After (recorded); else fails. */
  private static boolean check(ApiResponse response, int expected, List<String> refused) {
    if (response.status() == expected) {
      return true;
    }
    assertEquals(503, response.status(), response::toString);
    assertTrue(response.header("Retry-After").isPresent(), response::toString);
    String code = response.json().path("code").asText();
    assertTrue(
        code.equals("service_unavailable") || code.equals("storage_unavailable"),
        response::toString);
    refused.add(code);
    return false;
  }

  private static void restartPostgresqlInBackground() throws IOException {
    String version;
    try (Stream<Path> clusters = Files.list(Path.of("/etc/postgresql"))) {
      version = clusters.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
    new ProcessBuilder(
            "pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast")
        .inheritIO()
        .start();
  }

  private static void awaitReady() throws InterruptedException {
    for (int i = 0; i < 60; i++) {
      ApiResponse ready =
          Api.call("GET", TestEnvironment.baseUri().resolve("/health/ready")).send();
      if (ready.status() == 200) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("not ready again within 30 s");
  }
}
