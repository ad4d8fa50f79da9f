package io.fileparser.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertChangedTest {

  private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
  private static final Instant AT = Instant.parse("2026-11-30T07:00:00Z");

  @Test
  void aFiringIsSentShapedLikeAJobEvent() throws Exception {
    JsonNode event =
        new ObjectMapper()
            .readTree(
                new AlertChanged(
                        ID, "acme", "jobs.failure_rate", "", true, "2 of 2 failed", 1.0, 0.5, AT)
                    .toJson());

    assertEquals(ID + ":fired", event.path("id").asText());
    assertEquals("alert.fired", event.path("type").asText());
    assertEquals("acme", event.path("tenantId").asText());
    assertEquals("2026-11-30T07:00:00Z", event.path("at").asText());
    assertEquals("jobs.failure_rate", event.path("data").path("rule").asText());
    assertEquals("FIRING", event.path("data").path("state").asText());
    assertEquals(1.0, event.path("data").path("value").asDouble());
    assertFalse(event.path("data").has("subject"), "no empty subject");
  }

  @Test
  void itsClearingHasAnotherIdAndType() throws Exception {
    JsonNode event =
        new ObjectMapper()
            .readTree(
                new AlertChanged(
                        ID, "acme", "webhook.endpoint_disabled", "e1", false, "x", null, null, AT)
                    .toJson());

    assertEquals(ID + ":cleared", event.path("id").asText());
    assertEquals("alert.cleared", event.path("type").asText());
    assertEquals("e1", event.path("data").path("subject").asText());
    assertFalse(event.path("data").has("value"));
    assertTrue(AlertChanged.isType("alert.cleared"));
    assertFalse(AlertChanged.isType("job.completed"));
  }

  @Test
  void adminsAndOwnersReadTheSharedFeedOthersTheirOwnOnly() {
    assertEquals(
        List.of("user:a", NotificationRecorder.ADMINS),
        NotificationFeed.recipients(
            new Caller("acme", "user:a", Set.of("admin"), Caller.Method.JWT)));
    assertEquals(
        List.of("user:o", NotificationRecorder.ADMINS),
        NotificationFeed.recipients(
            new Caller("acme", "user:o", Set.of("owner"), Caller.Method.JWT)));
    assertEquals(
        List.of("user:m"),
        NotificationFeed.recipients(
            new Caller("acme", "user:m", Set.of("member"), Caller.Method.JWT)));
  }
}
