package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pidbox revoke broadcast of celery-contract.md section 5. */
class TaskRevokerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID TASK_ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

  private static JsonNode envelope(boolean terminate) throws Exception {
    return JSON.readTree(TaskRevoker.envelope(TASK_ID, terminate));
  }

  private static JsonNode body(JsonNode envelope) throws Exception {
    byte[] bytes = Base64.getDecoder().decode(envelope.get("body").textValue());
    return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void topLevelHasTheEnvelopeKeys() throws Exception {
    JsonNode envelope = envelope(true);

    assertEquals(
        new TreeSet<>(Set.of("body", "content-encoding", "content-type", "headers", "properties")),
        keys(envelope));
    assertEquals("utf-8", envelope.get("content-encoding").textValue());
    assertEquals("application/json", envelope.get("content-type").textValue());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bodyIsTheRevokeCommandForAllWorkers(boolean terminate) throws Exception {
    JsonNode body = body(envelope(terminate));

    assertEquals(
        JSON.readTree(
            "{\"method\": \"revoke\", \"arguments\": {\"task_id\": \""
                + TASK_ID
                + "\", \"terminate\": "
                + terminate
                + ", \"signal\": \"SIGTERM\"}, \"destination\": null, \"pattern\": null,"
                + " \"matcher\": null}"),
        body);
    assertTrue(body.get("arguments").get("terminate").isBoolean());
  }

  @Test
  void bodyAsksNoReply() throws Exception {
    JsonNode body = body(envelope(false));

    assertTrue(!body.has("ticket") && !body.has("reply_to"), "fire-and-forget: " + body);
  }

  @Test
  void headersHoldClockAndANonExpiringExpires() throws Exception {
    JsonNode headers = envelope(true).get("headers");

    assertEquals(new TreeSet<>(Set.of("clock", "expires")), keys(headers));
    assertTrue(headers.get("clock").isIntegralNumber(), "clock: " + headers.get("clock"));
    assertTrue(headers.get("clock").longValue() >= 0);
    assertTrue(headers.get("expires").isNumber());
    assertEquals(0, headers.get("expires").intValue());
  }

  @Test
  void propertiesAddressThePidboxFanout() throws Exception {
    JsonNode properties = envelope(true).get("properties");

    assertEquals(
        new TreeSet<>(
            Set.of("delivery_mode", "delivery_info", "priority", "body_encoding", "delivery_tag")),
        keys(properties));
    assertEquals(2, properties.get("delivery_mode").intValue());
    assertEquals(
        JSON.readTree("{\"exchange\": \"celery.pidbox\", \"routing_key\": \"\"}"),
        properties.get("delivery_info"));
    assertEquals(0, properties.get("priority").intValue());
    assertEquals("base64", properties.get("body_encoding").textValue());
    String tag = properties.get("delivery_tag").textValue();
    assertDoesNotThrow(() -> UUID.fromString(tag), "delivery_tag is a uuid: " + tag);
  }

  @Test
  void eachEnvelopeHasAFreshDeliveryTag() throws Exception {
    JsonNode first = envelope(true);
    JsonNode second = envelope(true);

    assertNotEquals(
        first.get("properties").get("delivery_tag"), second.get("properties").get("delivery_tag"));
    assertNotEquals(TASK_ID.toString(), first.get("properties").get("delivery_tag").textValue());
  }
}
