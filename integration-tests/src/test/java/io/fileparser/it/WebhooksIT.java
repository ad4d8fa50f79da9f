package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against the deployed server, with receivers on loopback that verify every signature with
 * their own implementation of the Standard Webhooks scheme. The test domain allows loopback targets
 * ({@code fileparser.webhooks.allowed-targets}) and retries on {@code 1s,2s,3s}.
 */
class WebhooksIT {

  private static final List<Duration> SCHEDULE =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));

  /**
   * The test domain's {@code fileparser.webhooks.timeout-ms}: a delivery round records its attempts
   * once every one of them has answered, so a retry that falls due meanwhile can wait that long
   * behind another endpoint's slow receiver, once for the round in flight and once for the next.
   */
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

  @Test
  void aJobsEventsArriveSignedOnceEachWithTheBodyTheLogShows() throws Exception {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start();
        Workers worker = Workers.start()) {
      JsonNode created = create(tenant, receiver.url("/hook"), List.of());
      String secret = created.path("secret").asText();
      assertTrue(secret.startsWith("whsec_"), secret);
      String endpoint = created.path("webhook").path("id").asText();

      String jobId =
          Uploads.create(tenant, "hooked.csv", SampleFiles.csv(tenant)).path("id").asText();
      String token = Tokens.of(tenant, "member");
      Jobs.awaitFinished(token, jobId, Duration.ofMinutes(2));
      receiver.await(
          r -> r.bodyText().contains("\"type\":\"job.completed\"") && r.bodyText().contains(jobId),
          1,
          Duration.ofSeconds(30));

      Set<Integer> historySeqs = new TreeSet<>();
      for (JsonNode entry : Jobs.history(token, jobId)) {
        historySeqs.add(entry.path("seq").asInt());
      }
      List<WebhookReceiver.Received> requests =
          receiver.await(
              r -> r.bodyText().contains(jobId), historySeqs.size(), Duration.ofSeconds(30));
      Set<Integer> receivedSeqs = new TreeSet<>();
      Set<String> ids = new TreeSet<>();
      for (WebhookReceiver.Received request : requests) {
        assertTrue(request.isSignedWith(secret), () -> "bad signature on " + request.headers());
        assertTrue(request.isFresh(), () -> "stale timestamp " + request.headers());
        assertTrue(request.webhookId().startsWith("msg_"), request::webhookId);
        assertTrue(request.header("content-type").startsWith("application/json"));
        JsonNode event = ApiResponse.JSON.readTree(request.body());
        assertEquals(tenant, event.path("tenantId").asText());
        assertEquals(jobId, event.path("jobId").asText());
        assertEquals(jobId + ":" + event.path("seq").asInt(), event.path("id").asText());
        receivedSeqs.add(event.path("seq").asInt());
        ids.add(request.webhookId());
      }
      assertEquals(historySeqs, receivedSeqs, "every event of the job's history arrived");
      assertEquals(requests.size(), ids.size(), "each message arrived once");

      JsonNode log = messages(tenant, endpoint, "");
      assertEquals(historySeqs.size(), log.path("items").size(), log::toString);
      long previousSeq = 0;
      for (JsonNode message : log.path("items")) {
        assertEquals("DELIVERED", message.path("status").asText(), message::toString);
        assertTrue(message.path("seq").asLong() > previousSeq, "the log is in seq order");
        previousSeq = message.path("seq").asLong();
      }
      JsonNode first = log.path("items").get(0);
      JsonNode detail = message(tenant, endpoint, first.path("id").asText());
      WebhookReceiver.Received sent =
          receiver.received(r -> r.webhookId().equals(first.path("webhookId").asText())).get(0);
      assertEquals(detail.path("payload").asText(), sent.bodyText(), "the exact bytes signed");
      JsonNode attempt = detail.path("attempts").get(0);
      assertEquals(204, attempt.path("statusCode").asInt(), detail::toString);
      assertEquals("delivered", attempt.path("outcome").asText());
      assertTrue(attempt.path("latencyMs").asInt() >= 0);
    }
  }

  @Test
  void aJobsPageListsWhatEveryEndpointWasSentAboutItAndNothingElse() throws Exception {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start();
        Workers worker = Workers.start()) {
      String every =
          create(tenant, receiver.url("/every"), List.of()).path("webhook").path("id").asText();
      String completed =
          create(tenant, receiver.url("/completed"), List.of("job.completed"))
              .path("webhook")
              .path("id")
              .asText();
      test(tenant, every);
      String jobId =
          Uploads.create(tenant, "delivered.csv", SampleFiles.csv(tenant)).path("id").asText();
      String other =
          Uploads.create(tenant, "not-this-one.csv", SampleFiles.csv(tenant + "-2"))
              .path("id")
              .asText();
      String token = Tokens.of(tenant, "member");
      Jobs.awaitFinished(token, jobId, Duration.ofMinutes(2));
      Jobs.awaitFinished(token, other, Duration.ofMinutes(2));
      int events = Jobs.history(token, jobId).size();
      receiver.await(r -> r.bodyText().contains(jobId), events + 1, Duration.ofSeconds(30));

      List<JsonNode> deliveries = new ArrayList<>();
      String query = "?limit=2";
      int pages = 0;
      while (query != null) {
        JsonNode page = deliveries(tenant, "admin", jobId, query);
        page.path("items").forEach(deliveries::add);
        pages++;
        query =
            page.path("next").isMissingNode() || page.path("next").isNull()
                ? null
                : "?limit=2&afterSeq=" + page.path("next").asLong();
      }
      assertEquals(events + 1, deliveries.size(), deliveries::toString);
      assertEquals((events + 1 + 1) / 2, pages, "pages of 2");
      long previousSeq = 0;
      Map<String, Integer> perEndpoint = new LinkedHashMap<>();
      for (JsonNode delivery : deliveries) {
        JsonNode message = delivery.path("message");
        assertTrue(message.path("seq").asLong() > previousSeq, "in the order written");
        previousSeq = message.path("seq").asLong();
        String endpoint = delivery.path("webhookId").asText();
        perEndpoint.merge(endpoint, 1, Integer::sum);
        assertEquals(
            receiver.url(endpoint.equals(every) ? "/every" : "/completed"),
            delivery.path("url").asText());
        assertNotEquals("webhook.test", message.path("eventType").asText());
        if (endpoint.equals(completed)) {
          assertEquals("job.completed", message.path("eventType").asText());
        }
        JsonNode detail = awaitMessage(tenant, endpoint, message.path("id").asText(), "DELIVERED");
        assertTrue(detail.path("payload").asText().contains(jobId), detail::toString);
      }
      assertEquals(Map.of(every, events, completed, 1), perEndpoint);

      // The owner reads them too; a member, a viewer and the service caller may not.
      assertEquals(
          events + 1, deliveries(tenant, "owner", jobId, "?limit=500").path("items").size());
      for (String role : List.of("member", "viewer", "service")) {
        Problems.assertProblem(
            Api.get("/jobs/" + jobId + "/webhook-deliveries")
                .bearer(Tokens.of(tenant, role))
                .send(),
            403,
            "forbidden");
      }
      // Another tenant's job is not found, and neither is a job that never was.
      String stranger = Tenants.fresh();
      for (String id : List.of(jobId, java.util.UUID.randomUUID().toString())) {
        Problems.assertProblem(
            Api.get("/jobs/" + id + "/webhook-deliveries")
                .bearer(Tokens.of(stranger, "admin"))
                .send(),
            404,
            "job_not_found");
      }
      for (String bad : List.of("?afterSeq=-1", "?afterSeq=x", "?limit=0", "?limit=501")) {
        Problems.assertProblem(
            Api.get("/jobs/" + jobId + "/webhook-deliveries" + bad)
                .bearer(Tokens.of(tenant, "admin"))
                .send(),
            400,
            "invalid_request");
      }
      ApiResponse notAnId =
          Api.get("/jobs/not-a-job/webhook-deliveries").bearer(Tokens.of(tenant, "admin")).send();
      assertEquals(404, notAnId.status(), notAnId::toString);
      assertTrue(notAnId.contentType().startsWith("application/problem+json"), notAnId::toString);
    }
  }

  @Test
  void failedAttemptsAreRetriedOnTheScheduleThenGivenUpAndAResendDeliversTheSameMessage()
      throws Exception {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(new WebhookReceiver.Answer(500, Map.of(), "receiver broke"));
      JsonNode created = create(tenant, receiver.url("/hook"), List.of("job.completed"));
      String endpoint = created.path("webhook").path("id").asText();
      JsonNode queued = test(tenant, endpoint);
      String webhookId = queued.path("webhookId").asText();
      String messageId = queued.path("id").asText();

      List<WebhookReceiver.Received> attempts =
          receiver.await(r -> r.webhookId().equals(webhookId), 4, Duration.ofSeconds(40));
      for (int i = 1; i < 4; i++) {
        Duration gap = Duration.between(attempts.get(i - 1).at(), attempts.get(i).at());
        Duration planned = SCHEDULE.get(i - 1);
        assertTrue(
            gap.compareTo(planned.minusMillis(150)) >= 0,
            "retry " + i + " came after " + gap + ", planned " + planned);
        assertTrue(
            gap.compareTo(
                    planned.multipliedBy(2).plusSeconds(2).plus(DELIVERY_TIMEOUT.multipliedBy(2)))
                < 0,
            "retry " + i + " came only after " + gap + ", planned " + planned);
        assertEquals(attempts.get(0).bodyText(), attempts.get(i).bodyText(), "same body");
        assertTrue(attempts.get(i).isSignedWith(created.path("secret").asText()));
      }
      JsonNode failed = awaitMessage(tenant, endpoint, messageId, "FAILED");
      assertEquals(4, failed.path("message").path("attempts").asInt(), failed::toString);
      for (JsonNode attempt : failed.path("attempts")) {
        assertEquals(500, attempt.path("statusCode").asInt(), failed::toString);
        assertEquals("http_error", attempt.path("outcome").asText());
        assertEquals("receiver broke", attempt.path("responseExcerpt").asText());
      }
      Jobs.sleep(2500);
      assertEquals(4, receiver.received(r -> r.webhookId().equals(webhookId)).size(), "given up");

      receiver.answer(WebhookReceiver.Answer.of(204));
      ApiResponse resend =
          Api.post("/webhooks/" + endpoint + "/messages/" + messageId + "/resend")
              .bearer(Tokens.of(tenant, "admin"))
              .send();
      assertEquals(202, resend.status(), resend::toString);
      WebhookReceiver.Received again =
          receiver.await(r -> r.webhookId().equals(webhookId), 5, Duration.ofSeconds(15)).get(4);
      assertEquals(attempts.get(0).bodyText(), again.bodyText());
      assertTrue(again.isSignedWith(created.path("secret").asText()));
      awaitMessage(tenant, endpoint, messageId, "DELIVERED");
    }
  }

  @Test
  void recoverSendsAgainEveryMessageGivenUpSinceATime() {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(WebhookReceiver.Answer.of(503));
      String endpoint =
          create(tenant, receiver.url("/hook"), List.of("job.completed"))
              .path("webhook")
              .path("id")
              .asText();
      Instant since = Instant.now().minusSeconds(2);
      String first = test(tenant, endpoint).path("id").asText();
      String second = test(tenant, endpoint).path("id").asText();
      awaitMessage(tenant, endpoint, first, "FAILED");
      awaitMessage(tenant, endpoint, second, "FAILED");
      assertEquals(2, messages(tenant, endpoint, "?status=FAILED").path("items").size());

      receiver.answer(WebhookReceiver.Answer.of(200));
      ApiResponse recovered =
          Api.post("/webhooks/" + endpoint + "/recover")
              .bearer(Tokens.of(tenant, "owner"))
              .json(Map.of("since", since.toString()))
              .send();
      assertEquals(202, recovered.status(), recovered::toString);
      assertEquals(2, recovered.json().path("recovered").asInt());
      awaitMessage(tenant, endpoint, first, "DELIVERED");
      awaitMessage(tenant, endpoint, second, "DELIVERED");
    }
  }

  @Test
  void anEndpointAnswering410IsDisabledAndItsOwnerToldThenItGetsNothingMore() throws Exception {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(WebhookReceiver.Answer.of(410));
      String endpoint =
          create(tenant, receiver.url("/hook"), List.of()).path("webhook").path("id").asText();
      String messageId = test(tenant, endpoint).path("id").asText();
      JsonNode failed = awaitMessage(tenant, endpoint, messageId, "FAILED");
      assertEquals(1, failed.path("message").path("attempts").asInt(), failed::toString);

      JsonNode webhook = get(tenant, endpoint);
      assertFalse(webhook.path("enabled").asBoolean(), webhook::toString);
      assertTrue(webhook.path("disabledReason").asText().contains("410"), webhook::toString);
      assertTrue(
          Database.auditRecords(tenant).stream()
              .anyMatch(r -> "webhook.endpoint_disabled".equals(r.get("action"))),
          "audited");
      assertEquals(List.of("webhook.endpoint_disabled by user:it-user"), facts(tenant));

      int before = receiver.received().size();
      Uploads.create(tenant, "after-410.csv", SampleFiles.csv(tenant));
      Jobs.sleep(2000);
      assertEquals(before, receiver.received().size(), "a disabled endpoint gets nothing");
      assertEquals(1, messages(tenant, endpoint, "").path("items").size());

      ApiResponse enabled =
          Api.call("PATCH", TestEnvironment.apiUri("/webhooks/" + endpoint))
              .bearer(Tokens.of(tenant, "admin"))
              .json(Map.of("enabled", true))
              .send();
      assertEquals(200, enabled.status(), enabled::toString);
      assertTrue(enabled.json().path("enabled").asBoolean());
      assertFalse(enabled.json().hasNonNull("disabledReason"), enabled::toString);
    }
  }

  @Test
  void redirectsAreNotFollowed() {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(
          new WebhookReceiver.Answer(302, Map.of("Location", receiver.url("/elsewhere")), ""));
      String endpoint =
          create(tenant, receiver.url("/hook"), List.of()).path("webhook").path("id").asText();
      String messageId = test(tenant, endpoint).path("id").asText();
      receiver.await(r -> r.path().equals("/hook"), 1, Duration.ofSeconds(15));
      JsonNode detail = awaitAttempts(tenant, endpoint, messageId, 1);
      JsonNode attempt = detail.path("attempts").get(0);
      assertEquals(302, attempt.path("statusCode").asInt(), detail::toString);
      assertEquals("redirect_not_followed", attempt.path("outcome").asText());
      Jobs.sleep(1500);
      assertEquals(List.of(), receiver.received(r -> r.path().equals("/elsewhere")));
    }
  }

  @Test
  void duringARotationsOverlapBothSecretsSignAndAfterItOnlyTheNewOne() {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonNode created = create(tenant, receiver.url("/hook"), List.of("job.completed"));
      String endpoint = created.path("webhook").path("id").asText();
      String first = created.path("secret").asText();

      JsonNode rotated = rotate(tenant, endpoint, 3600);
      String second = rotated.path("secret").asText();
      assertNotEquals(first, second);
      assertTrue(rotated.path("secret").asText().startsWith("whsec_"));
      String during = test(tenant, endpoint).path("webhookId").asText();
      WebhookReceiver.Received overlap =
          receiver.await(r -> r.webhookId().equals(during), 1, Duration.ofSeconds(15)).get(0);
      assertEquals(2, overlap.header("webhook-signature").split(" ").length);
      assertTrue(overlap.isSignedWith(first));
      assertTrue(overlap.isSignedWith(second));

      String third = rotate(tenant, endpoint, 0).path("secret").asText();
      String after = test(tenant, endpoint).path("webhookId").asText();
      WebhookReceiver.Received alone =
          receiver.await(r -> r.webhookId().equals(after), 1, Duration.ofSeconds(15)).get(0);
      assertEquals(1, alone.header("webhook-signature").split(" ").length);
      assertTrue(alone.isSignedWith(third));
      assertFalse(alone.isSignedWith(second));
      assertFalse(alone.isSignedWith("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }
  }

  @Test
  void plainHttpToAPublicReceiverIsRefusedAndHttpsIsTaken() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    // A public address: public is enough for https, not for plain http (not in the allow-list).
    ApiResponse refused =
        Api.post("/webhooks").bearer(admin).json(Map.of("url", "http://93.184.215.14/hook")).send();
    Problems.assertProblem(refused, 422, "webhook_target_refused");
    assertTrue(refused.json().path("detail").asText().contains("must be https"), refused::toString);
    String taken =
        create(tenant, "https://93.184.215.14/hook", List.of("job.completed"))
            .path("webhook")
            .path("id")
            .asText();
    ApiResponse deleted = Api.delete("/webhooks/" + taken).bearer(admin).send();
    assertEquals(204, deleted.status(), deleted::toString);
  }

  @Test
  void malformedAndPrivateTargetsAreRefused() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    for (String url : List.of("not a url", "ftp://example.com/hook", "/relative/hook")) {
      Problems.assertProblem(
          Api.post("/webhooks").bearer(admin).json(Map.of("url", url)).send(),
          400,
          "invalid_request");
    }
    for (String url :
        List.of(
            "http://10.1.2.3/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://192.168.0.10:8080/hook",
            "http://[fd00::1]/hook",
            "http://[::ffff:172.16.0.1]/hook",
            "http://0.0.0.0:28080/hook",
            "https://no-such-host.invalid/hook")) {
      Problems.assertProblem(
          Api.post("/webhooks").bearer(admin).json(Map.of("url", url)).send(),
          422,
          "webhook_target_refused");
    }
    Problems.assertProblem(
        Api.post("/webhooks")
            .bearer(admin)
            .json(Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("job.exploded")))
            .send(),
        400,
        "invalid_request");
    Problems.assertProblem(
        Api.post("/webhooks").bearer(admin).json(Map.of("description", "no url")).send(),
        400,
        "invalid_request");
    String endpoint =
        create(tenant, "http://127.0.0.1:9/hook", List.of()).path("webhook").path("id").asText();
    Problems.assertProblem(
        Api.call("PATCH", TestEnvironment.apiUri("/webhooks/" + endpoint))
            .bearer(admin)
            .json(Map.of("url", "http://10.0.0.1/hook"))
            .send(),
        422,
        "webhook_target_refused");
    assertEquals("http://127.0.0.1:9/hook", get(tenant, endpoint).path("url").asText());
  }

  @Test
  void unknownAndOtherTenantsEndpointsAreNotFoundAndOnlyAdminsAndOwnersManageThem() {
    String tenant = Tenants.fresh();
    String endpoint =
        create(tenant, "http://127.0.0.1:9/hook", List.of()).path("webhook").path("id").asText();
    String messageId = test(tenant, endpoint).path("id").asText();
    String stranger = Tokens.of(Tenants.fresh(), "owner");
    String unknown = java.util.UUID.randomUUID().toString();
    for (String id : List.of(endpoint, unknown)) {
      String token = id.equals(endpoint) ? stranger : Tokens.of(tenant, "admin");
      Problems.assertProblem(
          Api.get("/webhooks/" + id).bearer(token).send(), 404, "webhook_not_found");
      Problems.assertProblem(
          Api.delete("/webhooks/" + id).bearer(token).send(), 404, "webhook_not_found");
      Problems.assertProblem(
          Api.post("/webhooks/" + id + "/test").bearer(token).send(), 404, "webhook_not_found");
      Problems.assertProblem(
          Api.get("/webhooks/" + id + "/messages").bearer(token).send(), 404, "webhook_not_found");
      Problems.assertProblem(
          Api.post("/webhooks/" + id + "/messages/" + messageId + "/resend").bearer(token).send(),
          404,
          "webhook_not_found");
    }
    Problems.assertProblem(
        Api.get("/webhooks/" + endpoint + "/messages/" + unknown)
            .bearer(Tokens.of(tenant, "owner"))
            .send(),
        404,
        "webhook_message_not_found");
    for (String role : List.of("viewer", "member", "service")) {
      Problems.assertProblem(
          Api.get("/webhooks/" + endpoint).bearer(Tokens.of(tenant, role)).send(),
          403,
          "forbidden");
    }
    Problems.assertProblem(
        Api.get("/webhooks/" + endpoint + "/messages?limit=0")
            .bearer(Tokens.of(tenant, "admin"))
            .send(),
        400,
        "invalid_request");
    ApiResponse deleted =
        Api.delete("/webhooks/" + endpoint).bearer(Tokens.of(tenant, "owner")).send();
    assertEquals(204, deleted.status(), deleted::toString);
    Problems.assertProblem(
        Api.get("/webhooks/" + endpoint).bearer(Tokens.of(tenant, "owner")).send(),
        404,
        "webhook_not_found");
  }

  @Test
  void messagesPendingWhenTheServerStopsAreDeliveredAfterItStartsAgain() throws Exception {
    String tenant = Tenants.fresh();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      // Refused with a long Retry-After: every message is still owed when the server stops.
      receiver.answer(new WebhookReceiver.Answer(503, Map.of("Retry-After", "20"), "later"));
      JsonNode created = create(tenant, receiver.url("/hook"), List.of());
      String endpoint = created.path("webhook").path("id").asText();
      Uploads.create(tenant, "before-restart.csv", SampleFiles.csv(tenant));
      receiver.await(r -> true, 3, Duration.ofSeconds(20));
      Jobs.sleep(1000);
      JsonNode owed = messages(tenant, endpoint, "");
      Set<String> pending = new TreeSet<>();
      for (JsonNode message : owed.path("items")) {
        assertEquals("PENDING", message.path("status").asText(), owed::toString);
        pending.add(message.path("webhookId").asText());
      }
      assertTrue(pending.size() >= 3, owed::toString);

      restartServer();
      receiver.answer(WebhookReceiver.Answer.of(204));

      Predicate<WebhookReceiver.Received> delivered =
          r -> r.answeredWith() == 204 && pending.contains(r.webhookId());
      List<WebhookReceiver.Received> after =
          receiver.await(delivered, pending.size(), Duration.ofMinutes(2));
      Set<String> arrived = new TreeSet<>();
      after.forEach(r -> arrived.add(r.webhookId()));
      assertEquals(pending, arrived, "every message owed before the restart arrived after it");
      for (WebhookReceiver.Received request : after) {
        assertTrue(request.isSignedWith(created.path("secret").asText()));
      }
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private static JsonNode create(String tenant, String url, List<String> eventTypes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("description", "it");
    body.put("eventTypes", eventTypes);
    ApiResponse response =
        Api.post("/webhooks").bearer(Tokens.of(tenant, "admin")).json(body).send();
    assertEquals(201, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode get(String tenant, String endpoint) {
    ApiResponse response =
        Api.get("/webhooks/" + endpoint).bearer(Tokens.of(tenant, "admin")).send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode test(String tenant, String endpoint) {
    ApiResponse response =
        Api.post("/webhooks/" + endpoint + "/test").bearer(Tokens.of(tenant, "admin")).send();
    assertEquals(202, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode rotate(String tenant, String endpoint, long overlapSeconds) {
    ApiResponse response =
        Api.post("/webhooks/" + endpoint + "/rotate-secret")
            .bearer(Tokens.of(tenant, "owner"))
            .json(Map.of("overlapSeconds", overlapSeconds))
            .send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode messages(String tenant, String endpoint, String query) {
    ApiResponse response =
        Api.get("/webhooks/" + endpoint + "/messages" + query)
            .bearer(Tokens.of(tenant, "admin"))
            .send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode deliveries(String tenant, String role, String jobId, String query) {
    ApiResponse response =
        Api.get("/jobs/" + jobId + "/webhook-deliveries" + query)
            .bearer(Tokens.of(tenant, role))
            .send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode message(String tenant, String endpoint, String messageId) {
    ApiResponse response =
        Api.get("/webhooks/" + endpoint + "/messages/" + messageId)
            .bearer(Tokens.of(tenant, "admin"))
            .send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode awaitMessage(
      String tenant, String endpoint, String messageId, String status) {
    return awaitDetail(
        tenant,
        endpoint,
        messageId,
        d -> d.path("message").path("status").asText().equals(status),
        "status " + status);
  }

  private static JsonNode awaitAttempts(
      String tenant, String endpoint, String messageId, int attempts) {
    return awaitDetail(
        tenant,
        endpoint,
        messageId,
        d -> d.path("attempts").size() >= attempts,
        attempts + " attempts");
  }

  private static JsonNode awaitDetail(
      String tenant, String endpoint, String messageId, Predicate<JsonNode> done, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
    JsonNode detail = null;
    while (Instant.now().isBefore(deadline)) {
      detail = message(tenant, endpoint, messageId);
      if (done.test(detail)) {
        return detail;
      }
      Jobs.sleep(200);
    }
    throw new AssertionError("message " + messageId + " never reached " + what + ": " + detail);
  }

  /** The tenant's webhook facts as "kind by recipient". */
  private static List<String> facts(String tenant) throws Exception {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select kind, recipient from webhook_facts where tenant_id = ? order by at")) {
      query.setString(1, tenant);
      List<String> facts = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          facts.add(rows.getString(1) + " by " + rows.getString(2));
        }
      }
      return facts;
    }
  }

  /** Stops the test domain and starts it again as the build did (its settings are kept). */
  private static void restartServer() throws Exception {
    Path root = TestEnvironment.repoDir();
    URI base = TestEnvironment.baseUri();
    String redisUri = TestEnvironment.redisUri();
    String db = TestEnvironment.jdbcUrl().substring(TestEnvironment.jdbcUrl().lastIndexOf('/') + 1);
    run(root, "payara/stop", "--domain", TestEnvironment.domain(), "--quiet");
    run(
        root,
        "payara/run",
        "--no-build",
        "--no-worker",
        "--domain",
        TestEnvironment.domain(),
        "--portbase",
        Integer.toString(base.getPort() - 80),
        "--db",
        db,
        "--redis-db",
        redisUri.substring(redisUri.lastIndexOf('/') + 1));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      try {
        if (Api.call("GET", TestEnvironment.serverUri("/health/ready")).send().status() == 200) {
          return;
        }
      } catch (AssertionError notYet) {
        // not listening yet
      }
      Jobs.sleep(1000);
    }
    throw new AssertionError("the server did not come back");
  }

  private static void run(Path root, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(root.resolve(script).toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }
}
