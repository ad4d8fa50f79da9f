package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * clamd goes away and comes back: an upload meanwhile waits in SCANNING (fail closed), is rescanned
 * once the scanner answers again, and its history shows every change in order.
 */
class ScannerOutageIT {

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
