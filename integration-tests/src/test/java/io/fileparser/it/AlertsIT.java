package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Alert rules against the deployed server (evaluated every second in this domain; a job queued for
 * 30 s, and two failures out of two finished jobs, fire): each fires once and clears once, is
 * listed for the tenant's admins (the platform's for the operator), lands on the admins' shared
 * feed and reaches webhook endpoints that asked for {@code alert.fired} and {@code alert.cleared}.
 */
class AlertsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PARSE = Duration.ofSeconds(90);
  private static final Duration ALERT = Duration.ofSeconds(60);

  @Test
  void aFailureRateFiresToTheAdminsFeedAndWebhooksAndClearsWhenJobsSucceedAgain() throws Exception {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    String member = Tokens.of(tenant, "member");
    try (WebhookReceiver receiver = WebhookReceiver.start();
        Workers worker = Workers.start()) {
      createWebhook(admin, receiver.url("/alerts"), List.of("alert.fired", "alert.cleared"));
      for (int i = 0; i < 2; i++) {
        String id = upload(member, "{\"simulate\":\"bad_file\"}");
        assertEquals("FAILED", Jobs.awaitFinished(member, id, PARSE).path("state").asText());
      }

      JsonNode fired = awaitAlert(admin, "jobs.failure_rate", "FIRING");
      assertEquals(tenant, fired.path("tenantId").asText(), fired::toString);
      assertEquals(1.0, fired.path("value").asDouble(), fired::toString);
      assertEquals(0.5, fired.path("threshold").asDouble(), fired::toString);
      JsonNode told = awaitFeed(admin, "alert.fired");
      assertTrue(told.path("message").asText().contains("jobs.failure_rate"), told::toString);
      assertEquals(
          told.path("id").asText(),
          awaitFeed(Tokens.bySubject("another-admin", tenant, "owner"), "alert.fired")
              .path("id")
              .asText(),
          "the admins share the feed");
      assertTrue(
          feed(member).stream().noneMatch(n -> n.path("kind").asText().startsWith("alert.")),
          "a member is not told (their feed has their jobs' failures only)");
      WebhookReceiver.Received hook =
          receiver.await(r -> r.bodyText().contains("\"alert.fired\""), 1, ALERT).get(0);
      JsonNode event = JSON.readTree(hook.bodyText());
      assertEquals("jobs.failure_rate", event.path("data").path("rule").asText(), event::toString);
      assertEquals(tenant, event.path("tenantId").asText());

      for (int i = 0; i < 3; i++) { // 2 failed of 5: 40 %, under the threshold
        String id = upload(member, null);
        assertEquals("COMPLETED", Jobs.awaitFinished(member, id, PARSE).path("state").asText());
      }
      JsonNode cleared = awaitAlert(admin, "jobs.failure_rate", "CLEARED");
      assertEquals(fired.path("id").asText(), cleared.path("id").asText(), "the same alert");
      assertTrue(cleared.path("clearedAt").isTextual(), cleared::toString);
      awaitFeed(admin, "alert.cleared");
      receiver.await(r -> r.bodyText().contains("\"alert.cleared\""), 1, ALERT);
      Jobs.sleep(3000);
      assertEquals(
          1,
          alerts(admin, "").stream()
              .filter(a -> a.path("rule").asText().equals("jobs.failure_rate"))
              .count(),
          "fired once, cleared once");
    }
  }

  @Test
  void aJobQueuedTooLongFiresUntilAWorkerTakesIt() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "owner");
    String member = Tokens.of(tenant, "member");
    String id = upload(member, null); // no worker runs: it waits
    JsonNode fired = awaitAlert(admin, "queue.oldest_age", "FIRING");
    assertTrue(fired.path("value").asDouble() >= 30, fired::toString);
    assertTrue(fired.path("message").asText().contains("1 queued"), fired::toString);
    try (Workers worker = Workers.start()) {
      Jobs.awaitFinished(member, id, PARSE);
      awaitAlert(admin, "queue.oldest_age", "CLEARED");
    }
  }

  @Test
  void aWebhookEndpointDisabledForFailingFiresUntilItIsEnabledAgain() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(WebhookReceiver.Answer.of(410));
      String endpoint =
          createWebhook(admin, receiver.url("/gone"), List.of())
              .path("webhook")
              .path("id")
              .asText();
      ApiResponse test = Api.post("/webhooks/" + endpoint + "/test").bearer(admin).send();
      assertEquals(202, test.status(), test::toString);

      JsonNode fired = awaitAlert(admin, "webhook.endpoint_disabled", "FIRING");
      assertEquals(endpoint, fired.path("subject").asText(), fired::toString);
      assertTrue(fired.path("message").asText().contains("410"), fired::toString);

      ApiResponse enable =
          Api.call("PATCH", TestEnvironment.apiUri("/webhooks/" + endpoint))
              .bearer(admin)
              .json(Map.of("enabled", true))
              .send();
      assertEquals(200, enable.status(), enable::toString);
      awaitAlert(admin, "webhook.endpoint_disabled", "CLEARED");
    }
  }

  @Test
  void noLiveWorkerIsThePlatformsAlertAndTheOperatorsOnly() {
    String operator = Tokens.operator();
    JsonNode fired =
        await(
            () -> alerts(operator, "?state=firing"),
            a -> a.path("rule").asText().equals("workers.none_live"),
            "workers.none_live firing");
    assertTrue(fired.path("tenantId").isNull() || fired.path("tenantId").isMissingNode());
    String admin = Tokens.of(Tenants.fresh(), "admin");
    assertFalse(
        alerts(admin, "").stream()
            .anyMatch(a -> a.path("rule").asText().equals("workers.none_live")),
        "a tenant's admin does not see the platform's alerts");
    try (Workers worker = Workers.start()) {
      await(
          () -> alerts(operator, "?state=cleared&limit=200"),
          a -> a.path("id").asText().equals(fired.path("id").asText()),
          "workers.none_live cleared once a worker beats");
    }
  }

  @Test
  void theAlertListIsForAdminsOwnersAndTheOperatorAndRefusesBadParameters() {
    String tenant = Tenants.fresh();
    for (String role : new String[] {"viewer", "member", "service"}) {
      Problems.assertProblem(
          Api.get("/admin/alerts").bearer(Tokens.of(tenant, role)).send(), 403, "forbidden");
    }
    assertEquals(401, Api.get("/admin/alerts").send().status());
    String admin = Tokens.of(tenant, "admin");
    Problems.assertProblem(
        Api.get("/admin/alerts?tenantId=" + Tenants.fresh()).bearer(admin).send(),
        403,
        "forbidden");
    for (String query : new String[] {"?state=burning", "?limit=0", "?limit=201", "?limit=x"}) {
      Problems.assertProblem(
          Api.get("/admin/alerts" + query).bearer(admin).send(), 400, "invalid_request");
    }
    assertEquals(0, alerts(admin, "").size(), "a new tenant has no alerts");
  }

  private static String upload(String token, String metadata) {
    Multipart form = Multipart.file("work.csv", SampleFiles.csv("alerts" + UUID.randomUUID()));
    if (metadata != null) {
      form = form.field("metadata", metadata);
    }
    return Uploads.created(Uploads.multipart(token, form)).path("id").asText();
  }

  private static JsonNode createWebhook(String admin, String url, List<String> types) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("eventTypes", types);
    ApiResponse response = Api.post("/webhooks").bearer(admin).json(body).send();
    assertEquals(201, response.status(), response::toString);
    return response.json();
  }

  private static List<JsonNode> alerts(String token, String query) {
    ApiResponse response = Api.get("/admin/alerts" + query).bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return list(response.json().path("items"));
  }

  private static List<JsonNode> feed(String token) {
    ApiResponse response = Api.get("/notifications").bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return list(response.json().path("items"));
  }

  private static JsonNode awaitAlert(String token, String rule, String state) {
    return await(
        () -> alerts(token, ""),
        a -> a.path("rule").asText().equals(rule) && a.path("state").asText().equals(state),
        rule + " " + state);
  }

  private static JsonNode awaitFeed(String token, String kind) {
    return await(
        () -> feed(token), n -> n.path("kind").asText().equals(kind), kind + " on the feed");
  }

  private static JsonNode await(
      java.util.function.Supplier<List<JsonNode>> read, Predicate<JsonNode> wanted, String what) {
    Instant deadline = Instant.now().plus(ALERT);
    List<JsonNode> last = List.of();
    while (Instant.now().isBefore(deadline)) {
      last = read.get();
      for (JsonNode item : last) {
        if (wanted.test(item)) {
          return item;
        }
      }
      Jobs.sleep(500);
    }
    throw new AssertionError("no " + what + " within " + ALERT + ": " + last);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
