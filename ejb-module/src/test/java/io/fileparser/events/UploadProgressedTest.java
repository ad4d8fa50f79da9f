package io.fileparser.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UploadProgressedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aReadingWhileReceivingHasPercentSpeedAndTimeLeft() throws Exception {
    UUID upload = UUID.randomUUID();
    String json =
        new UploadProgressed(
                "acme",
                upload,
                Instant.parse("2026-11-30T00:00:00Z"),
                "receiving",
                250,
                1000L,
                99.6,
                8L,
                null)
            .toJson();
    JsonNode node = JSON.readTree(json);
    assertEquals("upload.progress", node.path("type").asText());
    assertEquals(upload.toString(), node.path("uploadId").asText());
    assertEquals("2026-11-30T00:00:00Z", node.path("at").asText());
    JsonNode data = node.path("data");
    assertEquals(250, data.path("bytesReceived").asLong());
    assertEquals(25, data.path("percent").asInt());
    assertEquals(100, data.path("bytesPerSecond").asLong());
    assertEquals(8, data.path("etaSeconds").asLong());
    assertFalse(data.has("jobId"));
    assertEquals("acme", Readings.tenantOf(json));
  }

  @Test
  void aDeferredLengthHasNoPercentAndOnlyOurEventsNameATenant() {
    String json =
        new UploadProgressed(
                "acme", UUID.randomUUID(), Instant.now(), "receiving", 10, null, 0, null, null)
            .toJson();
    assertFalse(json.contains("percent"), json);
    assertFalse(json.contains("etaSeconds"), json);
    assertNull(Readings.tenantOf("{\"type\":\"job.created\",\"tenantId\":\"acme\"}"));
    assertNull(Readings.tenantOf("not json"));
    assertEquals(
        "acme",
        Readings.tenantOf(
            new io.fileparser.jobcontrol.BulkProgressed(
                    "acme",
                    UUID.randomUUID(),
                    Instant.now(),
                    "cancel",
                    "RUNNING",
                    false,
                    2,
                    1,
                    0,
                    0)
                .toJson()),
        "a bulk operation's reading names its tenant too");
  }
}
