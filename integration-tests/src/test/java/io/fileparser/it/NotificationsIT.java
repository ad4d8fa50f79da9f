package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each caller's notifications, with a real worker completing the jobs: the submitter's feed, its
 * unread count and marking read; nobody else sees them; live on the submitter's WebSocket; pushed
 * to a browser subscription (a receiver on loopback, allowed by the test domain's configuration)
 * VAPID-signed and encrypted.
 */
class NotificationsIT {

  private static final Duration PARSE = Duration.ofSeconds(60);

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void theSubmitterIsToldOfItsCompletedJobAndNobodyElse() {
    String tenant = Tenants.fresh();
    String submitter = Tokens.of(tenant, "member"); // the subject Uploads.create submits as
    String jobId = Uploads.create(tenant, "feed.csv", SampleFiles.csv(tenant)).path("id").asText();
    Jobs.awaitFinished(submitter, jobId, PARSE);

    JsonNode item = awaitFeedItem(submitter, jobId);
    assertEquals("job.completed", item.path("kind").asText(), item::toString);
    assertTrue(item.path("message").asText().contains("feed.csv"), item::toString);
    assertTrue(item.path("readAt").isMissingNode() || item.path("readAt").isNull(), item::toString);
    assertEquals(1, unread(submitter));
    assertEquals(1, feed(submitter, "?unread=true").path("items").size());

    String colleague = Tokens.bySubject("someone-else", tenant, "admin");
    assertEquals(0, feed(colleague, "").path("items").size());
    assertEquals(0, unread(colleague));
    String id = item.path("id").asText();
    assertEquals(404, Api.post("/notifications/" + id + "/read").bearer(colleague).send().status());
    String stranger = Tokens.of(Tenants.fresh(), "member"); // same subject, another tenant
    assertEquals(0, feed(stranger, "").path("items").size());
    ApiResponse foreign = Api.post("/notifications/" + id + "/read").bearer(stranger).send();
    assertEquals(404, foreign.status(), foreign::toString);
    assertEquals("notification_not_found", foreign.json().path("code").asText());
    assertEquals(1, unread(submitter), "nobody else could mark it read");

    ApiResponse read = Api.post("/notifications/" + id + "/read").bearer(submitter).send();
    assertEquals(200, read.status(), read::toString);
    assertTrue(read.json().path("readAt").isTextual(), read::toString);
    assertEquals(0, unread(submitter));
    assertEquals(0, feed(submitter, "?unread=true").path("items").size());
    assertEquals(1, feed(submitter, "").path("items").size());
    ApiResponse all = Api.post("/notifications/read-all").bearer(submitter).send();
    assertEquals(200, all.status(), all::toString);
    assertEquals(0, all.json().path("marked").asInt());
  }

  @Test
  void badFeedParametersAreProblems() {
    String token = Tokens.of(Tenants.fresh(), "viewer");
    for (String query : new String[] {"?unread=maybe", "?limit=0", "?limit=x", "?cursor=zzz"}) {
      ApiResponse response = Api.get("/notifications" + query).bearer(token).send();
      assertEquals(400, response.status(), () -> query + " -> " + response);
      assertTrue(response.contentType().startsWith("application/problem+json"), query);
    }
  }

  @Test
  void aNotificationArrivesLiveOnTheSubmittersWebSocket() throws InterruptedException {
    String tenant = Tenants.fresh();
    try (EventSocket mine = EventSocket.bearer(Tokens.of(tenant, "member"));
        EventSocket theirs =
            EventSocket.bearer(Tokens.bySubject("someone-else", tenant, "viewer"))) {
      mine.subscribeTenant("s");
      theirs.subscribeTenant("s");
      String jobId =
          Uploads.create(tenant, "live.csv", SampleFiles.csv(tenant)).path("id").asText();

      JsonNode live = mine.next(m -> "notification".equals(m.path("type").asText()), PARSE);
      JsonNode notification = live.path("notification");
      assertEquals(jobId, notification.path("jobId").asText(), live::toString);
      assertEquals("job.completed", notification.path("kind").asText(), live::toString);
      assertEquals(
          awaitFeedItem(Tokens.of(tenant, "member"), jobId).path("id").asText(),
          notification.path("id").asText());

      // The other user heard the job's events, the completion too, but no notification.
      List<JsonNode> heard = theirs.drain(Duration.ofSeconds(3));
      assertTrue(
          heard.stream()
              .anyMatch(
                  m ->
                      jobId.equals(m.path("jobId").asText())
                          && "job.completed".equals(m.path("type").asText())),
          heard::toString);
      assertTrue(
          heard.stream().noneMatch(m -> "notification".equals(m.path("type").asText())),
          heard::toString);
    }
  }

  @Test
  void aBrowserSubscriptionReceivesTheNotificationSignedAndEncrypted() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    ApiResponse key = Api.get("/notifications/push/vapid-public-key").bearer(token).send();
    assertEquals(200, key.status(), key::toString);
    String vapidKey = key.json().path("publicKey").asText();

    try (PushReceiver browser = new PushReceiver(201);
        PushReceiver gone = new PushReceiver(410)) {
      ApiResponse created =
          Api.post("/notifications/push/subscriptions")
              .bearer(token)
              .json(browser.subscription("/push/browser-1"))
              .send();
      assertEquals(201, created.status(), created::toString);
      ApiResponse goneCreated =
          Api.post("/notifications/push/subscriptions")
              .bearer(token)
              .json(gone.subscription("/push/unsubscribed"))
              .send();
      assertEquals(201, goneCreated.status(), goneCreated::toString);
      String goneId = goneCreated.json().path("id").asText();
      awaitSubscriptions(token, 2);

      String jobId =
          Uploads.create(tenant, "push.csv", SampleFiles.csv(tenant)).path("id").asText();

      PushReceiver.Push push = browser.next(PARSE);
      assertEquals("/push/browser-1", push.path());
      JsonNode message = browser.verifyAndDecrypt(push, vapidKey);
      assertEquals("notification", message.path("type").asText(), message::toString);
      assertEquals(jobId, message.path("notification").path("jobId").asText(), message::toString);
      assertEquals("job.completed", message.path("notification").path("kind").asText());

      gone.next(Duration.ofSeconds(20));
      awaitSubscriptions(token, 1);
      assertEquals(
          404,
          Api.delete("/notifications/push/subscriptions/" + goneId).bearer(token).send().status(),
          "a subscription the push service called gone was dropped");
      String id = created.json().path("id").asText();
      assertEquals(
          404,
          Api.delete("/notifications/push/subscriptions/" + id)
              .bearer(Tokens.bySubject("someone-else", tenant, "member"))
              .send()
              .status());
      assertEquals(
          204, Api.delete("/notifications/push/subscriptions/" + id).bearer(token).send().status());
    }
  }

  @Test
  void aPushEndpointOnAPrivateAddressIsRefused() {
    String token = Tokens.of(Tenants.fresh(), "member");
    Map<String, Object> keys =
        Map.of(
            "p256dh",
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
            "auth",
            "BTBZMqHH6r4Tts7J_aSIgg");
    for (String endpoint :
        new String[] {
          "https://169.254.169.254/latest",
          "https://10.0.0.5/push",
          "http://8.8.8.8/push",
          "https://localhost:4848/"
        }) {
      ApiResponse refused =
          Api.post("/notifications/push/subscriptions")
              .bearer(token)
              .json(Map.of("endpoint", endpoint, "keys", keys))
              .send();
      assertEquals(400, refused.status(), () -> endpoint + " -> " + refused);
      assertEquals("push_endpoint_not_allowed", refused.json().path("code").asText(), endpoint);
    }
    ApiResponse badKeys =
        Api.post("/notifications/push/subscriptions")
            .bearer(token)
            .json(
                Map.of(
                    "endpoint",
                    "https://8.8.8.8/push",
                    "keys",
                    Map.of("p256dh", "AAAA", "auth", "BBBB")))
            .send();
    assertEquals(400, badKeys.status(), badKeys::toString);
  }

  private static JsonNode feed(String token, String query) {
    ApiResponse response = Api.get("/notifications" + query).bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static int unread(String token) {
    ApiResponse response = Api.get("/notifications/count").bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return response.json().path("unread").asInt();
  }

  /** The feed's item of the job, waiting briefly: it is written with the job's last change. */
  private static JsonNode awaitFeedItem(String token, String jobId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      for (JsonNode item : feed(token, "").path("items")) {
        if (jobId.equals(item.path("jobId").asText())) {
          return item;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no notification of job " + jobId);
      }
      Jobs.sleep(200);
    }
  }

  private static void awaitSubscriptions(String token, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      ApiResponse list = Api.get("/notifications/push/subscriptions").bearer(token).send();
      assertEquals(200, list.status(), list::toString);
      if (list.json().path("items").size() == count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("subscriptions: " + list);
      }
      Jobs.sleep(200);
    }
  }
}
