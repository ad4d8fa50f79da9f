package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * clamd goes away and comes back: an upload meanwhile waits in SCANNING (fail closed), is rescanned
 * once the scanner answers again, and its history shows every change in order; the platform's
 * {@code scanner.down} alert fires while it is away and clears once it is back.
 *
 * <p>The only class that stops the test domain's clamd: its tests run one after another, each
 * starts clamd again before it ends (also when it fails), and no other class sees it down, since
 * test classes run one at a time.
 */
class ScannerOutageIT {

  private static final Duration ALERT = Duration.ofSeconds(60);

  @Test
  void uploadWaitsForTheScannerAndHistoryShowsEveryChange() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id;
    clamd("stop");
    try {
      JsonNode job = Uploads.create(tenant, "waits.csv", SampleFiles.csv(tenant));
      id = job.path("id").asText();
      assertEquals("SCANNING", job.path("state").asText(), job::toString);
    } finally {
      clamd("start");
    }

    JsonNode released = Jobs.awaitState(token, id, "QUEUED", Duration.ofSeconds(60));
    assertEquals("clean (rescanned)", step(released, "scanned"), released::toString);
    JsonNode history = Jobs.history(token, id);
    for (int i = 0; i < 50 && !History.lines(history).contains("QUEUED>QUEUED dispatched"); i++) {
      Jobs.sleep(200); // the relay sends right after the release commits
      history = Jobs.history(token, id);
    }

    History.assertConsecutive(history);
    History.assertInOrder(
        history,
        "-" + ">RECEIVED received",
        "RECEIVED>RECEIVED stored",
        "RECEIVED>RECEIVED validated",
        "RECEIVED>SCANNING scanned",
        "SCANNING>SCANNING scanned",
        "SCANNING>QUEUED queued",
        "QUEUED>QUEUED dispatched");
  }

  /**
   * The operator's alert (a platform alert: no tenant, so no tenant's admins' feed or webhooks hear
   * of it, which this test also shows), fired once while clamd is down, cleared once after.
   */
  @Test
  void scannerDownFiresForTheOperatorWhileClamdIsAwayAndClearsOnceItAnswers() {
    String operator = Tokens.operator();
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      ApiResponse hook =
          Api.post("/webhooks")
              .bearer(admin)
              .json(
                  Map.of(
                      "url",
                      receiver.url("/alerts"),
                      "eventTypes",
                      List.of("alert.fired", "alert.cleared")))
              .send();
      assertEquals(201, hook.status(), hook::toString);
      awaitNoScannerAlertFiring(operator); // one an earlier outage left has cleared
      Instant stopped = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      JsonNode fired;
      clamd("stop");
      try {
        fired =
            awaitAlert(
                operator,
                "?state=firing",
                a ->
                    a.path("rule").asText().equals("scanner.down")
                        && !Instant.parse(a.path("firedAt").asText()).isBefore(stopped));
        assertTrue(fired.path("tenantId").isNull() || fired.path("tenantId").isMissingNode());
        assertTrue(fired.path("message").asText().contains("does not answer"), fired::toString);
        assertTrue(
            alerts(admin, "").stream()
                .noneMatch(a -> a.path("rule").asText().equals("scanner.down")),
            "a tenant's admin does not see the platform's alert");
      } finally {
        clamd("start");
      }

      JsonNode cleared =
          awaitAlert(
              operator,
              "?state=cleared&limit=200",
              a -> a.path("id").asText().equals(fired.path("id").asText()));
      assertEquals("CLEARED", cleared.path("state").asText(), cleared::toString);
      assertTrue(
          !Instant.parse(cleared.path("clearedAt").asText())
              .isBefore(Instant.parse(fired.path("firedAt").asText())),
          cleared::toString);
      Jobs.sleep(3000);
      assertEquals(
          1,
          alerts(operator, "?limit=200").stream()
              .filter(a -> a.path("id").asText().equals(fired.path("id").asText()))
              .count(),
          "fired once, cleared once");
      assertTrue(
          alerts(operator, "?state=firing").stream()
              .noneMatch(a -> a.path("rule").asText().equals("scanner.down")),
          "no new firing once clamd answers");
      ApiResponse feed = Api.get("/notifications").bearer(admin).send();
      assertEquals(200, feed.status(), feed::toString);
      assertFalse(feed.text().contains("scanner.down"), "a platform alert has no tenant feed");
      assertTrue(
          receiver.received(r -> r.bodyText().contains("scanner.down")).isEmpty(),
          "nor reaches a tenant's webhooks");
    }
  }

  private static void awaitNoScannerAlertFiring(String operator) {
    Instant deadline = Instant.now().plus(ALERT);
    while (alerts(operator, "?state=firing").stream()
        .anyMatch(a -> a.path("rule").asText().equals("scanner.down"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("scanner.down still firing " + ALERT + " after clamd started");
      }
      Jobs.sleep(500);
    }
  }

  private static List<JsonNode> alerts(String token, String query) {
    ApiResponse response = Api.get("/admin/alerts" + query).bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    List<JsonNode> items = new ArrayList<>();
    response.json().path("items").forEach(items::add);
    return items;
  }

  private static JsonNode awaitAlert(String token, String query, Predicate<JsonNode> wanted) {
    Instant deadline = Instant.now().plus(ALERT);
    List<JsonNode> last = List.of();
    while (Instant.now().isBefore(deadline)) {
      last = alerts(token, query);
      for (JsonNode alert : last) {
        if (wanted.test(alert)) {
          return alert;
        }
      }
      Jobs.sleep(500);
    }
    throw new AssertionError("no such scanner.down alert within " + ALERT + ": " + last);
  }

  private static String step(JsonNode job, String name) {
    for (JsonNode step : job.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("detail").asText();
      }
    }
    return null;
  }

  /** Stops or starts the clamd that payara/run started for the test domain. */
  private static void clamd(String action) {
    Path root = TestEnvironment.varDir().getParent();
    try {
      Process process =
          new ProcessBuilder(root.resolve("payara/clamd").toString(), action)
              .directory(root.toFile())
              .inheritIO()
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("payara/clamd " + action + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
