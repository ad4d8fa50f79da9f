package io.fileparser.jobcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BulkProgressedTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aReadingCarriesTheCountsAndTheShareProcessed() throws Exception {
    UUID operation = UUID.randomUUID();
    String json =
        new BulkProgressed(
                "acme",
                operation,
                Instant.parse("2026-11-30T00:00:00Z"),
                "cancel",
                "RUNNING",
                false,
                400,
                90,
                7,
                3)
            .toJson();

    JsonNode node = JSON.readTree(json);
    assertEquals("bulk.progress", node.path("type").asText());
    assertEquals("acme", node.path("tenantId").asText());
    assertEquals(operation.toString(), node.path("operationId").asText());
    assertEquals("2026-11-30T00:00:00Z", node.path("at").asText());
    JsonNode data = node.path("data");
    assertEquals("cancel", data.path("action").asText());
    assertEquals("RUNNING", data.path("state").asText());
    assertFalse(data.path("dryRun").asBoolean());
    assertEquals(100, data.path("processed").asInt());
    assertEquals(25, data.path("percent").asInt());
    assertEquals("acme", node.path("tenantId").asText());
  }

  @Test
  void anEmptyOperationIsWhollyProcessed() throws Exception {
    String json =
        new BulkProgressed(
                "acme", UUID.randomUUID(), Instant.now(), "retry", "COMPLETED", true, 0, 0, 0, 0)
            .toJson();

    assertEquals(100, JSON.readTree(json).path("data").path("percent").asInt());
  }
}
