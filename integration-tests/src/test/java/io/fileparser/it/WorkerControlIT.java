package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/workers/{worker}/commands} against a real Celery worker started for the test:
 * the command travels as a Celery remote-control message on the Redis broker and the worker's reply
 * comes back; a shutdown makes it leave the live list.
 */
class WorkerControlIT {

  @Test
  void theOperatorGrowsAndShrinksAWorkersPoolSetsItsRateLimitAndShutsItDown() {
    try (Workers worker = Workers.start(2)) {
      String hostname = awaitListed(worker);
      assertEquals(2, processes(hostname), "started with two");

      JsonNode grown = command(hostname, Map.of("command", "pool_grow", "n", 1));
      assertEquals(200, grown.path("status").asInt(200));
      assertTrue(grown.path("answered").asBoolean(), grown::toString);
      assertEquals("pool will grow", grown.path("reply").path("ok").asText(), grown::toString);
      awaitProcesses(hostname, 3);

      JsonNode shrunk = command(hostname, Map.of("command", "pool_shrink", "n", 1));
      assertEquals("pool will shrink", shrunk.path("reply").path("ok").asText(), shrunk::toString);
      awaitProcesses(hostname, 2);

      JsonNode limited = command(hostname, Map.of("command", "rate_limit", "rate", "100/m"));
      assertTrue(
          limited.path("reply").path("ok").asText().contains("rate limit"), limited::toString);
      JsonNode stats = command(hostname, Map.of("command", "stats"));
      assertTrue(stats.path("reply").has("pool"), stats::toString);
      assertTrue(
          Database.auditRecords("*").stream()
              .anyMatch(
                  r ->
                      "worker.command".equals(r.get("action"))
                          && hostname.equals(r.get("target_id"))
                          && String.valueOf(r.get("details")).startsWith("rate_limit ")),
          "audited");

      JsonNode shutdown = command(hostname, Map.of("command", "shutdown"));
      assertFalse(shutdown.path("answered").asBoolean(), shutdown::toString);
      long deadline = System.currentTimeMillis() + 30_000;
      while (live(hostname)) {
        assertTrue(System.currentTimeMillis() < deadline, "the worker never left the live list");
        Jobs.sleep(250);
      }
    }
  }

  @Test
  void anUnknownWorkerIsNotFoundAndABadCommandIsRefused() {
    ApiResponse unknown = send("nobody@nowhere", Map.of("command", "ping"), Tokens.operator());
    Problems.assertProblem(unknown, 404, "worker_not_found");
    for (Map<String, ?> bad :
        List.of(
            Map.of("command", "pool_restart"),
            Map.of("command", "pool_grow", "n", 0),
            Map.of("command", "pool_grow", "n", 17),
            Map.of("command", "rate_limit"),
            Map.of("command", "rate_limit", "rate", "fast"),
            Map.of("command", "ping", "n", 2))) {
      Problems.assertProblem(
          send("nobody@nowhere", bad, Tokens.operator()), 422, "invalid_worker_command");
    }
  }

  @Test
  void noTenantRoleCommandsAWorker() {
    for (String role : List.of("viewer", "member", "admin", "owner", "service")) {
      Problems.assertProblem(
          send("nobody@nowhere", Map.of("command", "shutdown"), Tokens.of(Tenants.fresh(), role)),
          403,
          "forbidden");
    }
  }

  private static JsonNode command(String hostname, Map<String, ?> body) {
    ApiResponse response = send(hostname, body, Tokens.operator());
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static ApiResponse send(String hostname, Map<String, ?> body, String token) {
    return Api.post("/admin/workers/" + hostname + "/commands").bearer(token).json(body).send();
  }

  private static int processes(String hostname) {
    return command(hostname, Map.of("command", "stats"))
        .path("reply")
        .path("pool")
        .path("processes")
        .size();
  }

  private static void awaitProcesses(String hostname, int count) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (processes(hostname) != count) {
      assertTrue(System.currentTimeMillis() < deadline, "the pool never reached " + count);
      Jobs.sleep(250);
    }
  }

  private static String awaitListed(Workers worker) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      for (JsonNode item : workers()) {
        if (item.path("hostname").asText().startsWith(worker.name() + "@")
            && item.path("alive").asBoolean()) {
          return item.path("hostname").asText();
        }
      }
      Jobs.sleep(250);
    }
    throw new AssertionError("worker " + worker.name() + " never appeared");
  }

  private static boolean live(String hostname) {
    for (JsonNode item : workers()) {
      if (item.path("hostname").asText().equals(hostname) && item.path("alive").asBoolean()) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode workers() {
    ApiResponse response = Api.get("/admin/workers").bearer(Tokens.operator()).send();
    assertEquals(200, response.status(), response::toString);
    return response.json().path("items");
  }
}
