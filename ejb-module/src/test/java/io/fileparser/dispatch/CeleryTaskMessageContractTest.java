package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@link CeleryTaskMessage#toEnvelope()} field by field against celery-contract.md section 1
 * (Celery protocol v2 as kombu's Redis transport stores it), so an unmodified worker accepts it.
 */
class CeleryTaskMessageContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID TASK_ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
  private static final UUID DELIVERY_TAG = UUID.fromString("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5");
  private static final String TASK = "parser.process_file";
  private static final String QUEUE = "parser";
  private static final String ORIGIN = "gen1234@javahost";

  /** The optional 5.3+ headers; the worker does not need them but may see them. */
  private static final Set<String> OPTIONAL_HEADERS =
      Set.of("replaced_task_nesting", "stamped_headers", "stamps");

  private static final Set<String> REQUIRED_HEADERS =
      Set.of(
          "lang",
          "task",
          "id",
          "shadow",
          "eta",
          "expires",
          "group",
          "group_index",
          "retries",
          "timelimit",
          "root_id",
          "parent_id",
          "argsrepr",
          "kwargsrepr",
          "origin",
          "ignore_result");

  private static CeleryTaskMessage message(
      UUID taskId, List<?> args, Map<String, ?> kwargs, int priority, UUID tag) {
    return new CeleryTaskMessage(
        TASK, taskId, args, kwargs, QUEUE, priority, tag, ORIGIN, 3900, 3600);
  }

  private static CeleryTaskMessage simple() {
    return message(TASK_ID, List.of(2, 2), Map.of(), 4, DELIVERY_TAG);
  }

  private static JsonNode parse(CeleryTaskMessage message) throws Exception {
    return JSON.readTree(message.toEnvelope());
  }

  private static JsonNode body(JsonNode envelope) throws Exception {
    byte[] bytes = Base64.getDecoder().decode(envelope.get("body").asText());
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
    return JSON.readTree(text);
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    Iterator<String> names = node.fieldNames();
    names.forEachRemaining(keys::add);
    return keys;
  }

  private static void assertJsonNull(JsonNode parent, String field) {
    assertTrue(parent.has(field), field + " must be present");
    assertTrue(parent.get(field).isNull(), field + " must be null but was " + parent.get(field));
  }

  @Test
  void topLevelHasExactlyTheFiveEnvelopeKeys() throws Exception {
    JsonNode envelope = parse(simple());

    assertEquals(
        new TreeSet<>(Set.of("body", "content-encoding", "content-type", "headers", "properties")),
        keys(envelope));
    assertEquals("utf-8", envelope.get("content-encoding").textValue());
    assertEquals("application/json", envelope.get("content-type").textValue());
    assertTrue(envelope.get("body").isTextual());
    assertTrue(envelope.get("headers").isObject());
    assertTrue(envelope.get("properties").isObject());
  }

  @Test
  void headersCarryTheProtocolV2FieldsTheWorkerReads() throws Exception {
    JsonNode headers = parse(simple()).get("headers");

    assertEquals("py", headers.get("lang").textValue());
    assertEquals(TASK, headers.get("task").textValue());
    assertEquals(TASK_ID.toString(), headers.get("id").textValue());
    assertJsonNull(headers, "shadow");
    assertJsonNull(headers, "eta");
    assertJsonNull(headers, "expires");
    assertJsonNull(headers, "group");
    assertJsonNull(headers, "group_index");
    assertTrue(headers.get("retries").isIntegralNumber());
    assertEquals(0, headers.get("retries").intValue());
    assertEquals(TASK_ID.toString(), headers.get("root_id").textValue());
    assertJsonNull(headers, "parent_id");
    assertTrue(headers.get("argsrepr").isTextual(), "argsrepr is a repr string");
    assertTrue(headers.get("kwargsrepr").isTextual(), "kwargsrepr is a repr string");
    assertEquals(ORIGIN, headers.get("origin").textValue());
    assertTrue(headers.get("ignore_result").isBoolean());
    assertFalse(headers.get("ignore_result").booleanValue());
  }

  @Test
  void headersHoldAllRequiredKeysAndNoUnknownOnes() throws Exception {
    Set<String> keys = keys(parse(simple()).get("headers"));

    assertTrue(keys.containsAll(REQUIRED_HEADERS), "missing: " + missing(REQUIRED_HEADERS, keys));
    Set<String> extra = new TreeSet<>(keys);
    extra.removeAll(REQUIRED_HEADERS);
    extra.removeAll(OPTIONAL_HEADERS);
    assertTrue(extra.isEmpty(), "unexpected headers: " + extra);
  }

  private static Set<String> missing(Set<String> wanted, Set<String> present) {
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(present);
    return missing;
  }

  @Test
  void timelimitIsHardThenSoft() throws Exception {
    JsonNode timelimit = parse(simple()).get("headers").get("timelimit");

    assertTrue(timelimit.isArray());
    assertEquals(2, timelimit.size());
    assertEquals(3900, timelimit.get(0).intValue(), "first element is the hard limit");
    assertEquals(3600, timelimit.get(1).intValue(), "second element is the soft limit");
  }

  @Test
  void timelimitWithoutLimitsIsTwoNulls() throws Exception {
    CeleryTaskMessage message =
        new CeleryTaskMessage(
            TASK, TASK_ID, List.of(), Map.of(), QUEUE, 0, DELIVERY_TAG, ORIGIN, null, null);

    JsonNode timelimit = parse(message).get("headers").get("timelimit");

    assertEquals(JSON.readTree("[null, null]"), timelimit);
  }

  @Test
  void timelimitKeepsItsPositionsWhenOnlyOneLimitIsSet() throws Exception {
    CeleryTaskMessage softOnly =
        new CeleryTaskMessage(
            TASK, TASK_ID, List.of(), Map.of(), QUEUE, 0, DELIVERY_TAG, ORIGIN, null, 3600);
    CeleryTaskMessage hardOnly =
        new CeleryTaskMessage(
            TASK, TASK_ID, List.of(), Map.of(), QUEUE, 0, DELIVERY_TAG, ORIGIN, 3900, null);

    assertEquals(JSON.readTree("[null, 3600]"), parse(softOnly).get("headers").get("timelimit"));
    assertEquals(JSON.readTree("[3900, null]"), parse(hardOnly).get("headers").get("timelimit"));
  }

  @Test
  void propertiesAddressTheQueueDirectlyWithTheGivenPriorityAndTag() throws Exception {
    JsonNode properties = parse(simple()).get("properties");

    assertEquals(
        new TreeSet<>(
            Set.of(
                "correlation_id",
                "reply_to",
                "delivery_mode",
                "delivery_info",
                "priority",
                "body_encoding",
                "delivery_tag")),
        keys(properties));
    assertEquals(TASK_ID.toString(), properties.get("correlation_id").textValue());
    assertEquals("", properties.get("reply_to").textValue());
    assertEquals(2, properties.get("delivery_mode").intValue());
    assertEquals(
        JSON.readTree("{\"exchange\": \"\", \"routing_key\": \"parser\"}"),
        properties.get("delivery_info"));
    assertTrue(properties.get("priority").isIntegralNumber());
    assertEquals(4, properties.get("priority").intValue());
    assertEquals("base64", properties.get("body_encoding").textValue());
    assertEquals(DELIVERY_TAG.toString(), properties.get("delivery_tag").textValue());
  }

  @Test
  void routingKeyIsTheQueueTheMessageIsFor() throws Exception {
    CeleryTaskMessage message =
        new CeleryTaskMessage(
            TASK, TASK_ID, List.of(), Map.of(), "parser-bulk", 0, DELIVERY_TAG, ORIGIN, null, null);

    JsonNode info = parse(message).get("properties").get("delivery_info");

    assertEquals("parser-bulk", info.get("routing_key").textValue());
    assertEquals("", info.get("exchange").textValue());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 9})
  void priorityPropertyIsTheGivenPriority(int priority) throws Exception {
    JsonNode properties =
        parse(message(TASK_ID, List.of(), Map.of(), priority, DELIVERY_TAG)).get("properties");

    assertEquals(priority, properties.get("priority").intValue());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 10, 42, Integer.MIN_VALUE})
  void priorityOutsideZeroToNineIsRefused(int priority) {
    assertThrows(
        IllegalArgumentException.class,
        () -> message(TASK_ID, List.of(), Map.of(), priority, DELIVERY_TAG));
  }

  @Test
  void bodyIsStandardBase64OfArgsKwargsAndAnEmptyEmbed() throws Exception {
    JsonNode body = body(parse(simple()));

    assertTrue(body.isArray());
    assertEquals(3, body.size());
    assertEquals(JSON.readTree("[2, 2]"), body.get(0));
    assertEquals(JSON.readTree("{}"), body.get(1));
    assertEquals(
        JSON.readTree(
            "{\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}"),
        body.get(2));
  }

  @Test
  void bodyKeepsNestedMapsNullsAndUnicodeIntact() throws Exception {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("sheet", null);
    options.put("delimiter", ";");
    options.put("hints", Map.of("encoding", "cp1252"));
    List<Object> args = new ArrayList<>();
    args.add("s3://uploads/t1/Zürich Umsätze 日本 ✓ 🚀.csv");
    args.add(null);
    args.add(1234567890123L);
    args.add(List.of(true, 1.5));
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("jobId", "9b7c…");
    kwargs.put("options", options);
    kwargs.put("template", null);

    JsonNode body = body(parse(message(TASK_ID, args, kwargs, 0, DELIVERY_TAG)));

    assertEquals(3, body.size());
    assertEquals(
        JSON.readTree(
            "[\"s3://uploads/t1/Zürich Umsätze 日本 ✓ 🚀.csv\", null, 1234567890123,"
                + " [true, 1.5]]"),
        body.get(0));
    assertEquals(
        JSON.readTree(
            "{\"jobId\": \"9b7c…\", \"template\": null, \"options\": {\"sheet\": null,"
                + " \"delimiter\": \";\", \"hints\": {\"encoding\": \"cp1252\"}}}"),
        body.get(1));
    assertTrue(body.get(1).has("template"), "a null kwarg is sent, not dropped");
    JsonNode embed = body.get(2);
    assertEquals(new TreeSet<>(Set.of("callbacks", "errbacks", "chain", "chord")), keys(embed));
    embed.forEach(value -> assertTrue(value.isNull()));
  }

  @Test
  void messagesWithDifferentTagsDifferOnlyInTagAndIds() throws Exception {
    UUID otherTask = UUID.fromString("11111111-2222-4333-8444-555555555555");
    UUID otherTag = UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    JsonNode first = parse(message(TASK_ID, List.of("a"), Map.of("k", 1), 5, DELIVERY_TAG));
    JsonNode second = parse(message(otherTask, List.of("a"), Map.of("k", 1), 5, otherTag));

    assertNotEquals(
        first.get("properties").get("delivery_tag"), second.get("properties").get("delivery_tag"));
    assertEquals(otherTag.toString(), second.get("properties").get("delivery_tag").textValue());
    assertEquals(otherTask.toString(), second.get("headers").get("id").textValue());
    assertEquals(otherTask.toString(), second.get("headers").get("root_id").textValue());
    assertEquals(otherTask.toString(), second.get("properties").get("correlation_id").textValue());

    assertEquals(withoutIds(first), withoutIds(second));
  }

  @Test
  void sameTaskSentTwiceDiffersOnlyInDeliveryTag() throws Exception {
    UUID otherTag = UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    ObjectNode first = (ObjectNode) parse(message(TASK_ID, List.of(), Map.of(), 5, DELIVERY_TAG));
    ObjectNode second = (ObjectNode) parse(message(TASK_ID, List.of(), Map.of(), 5, otherTag));

    assertNotEquals(first, second);
    ((ObjectNode) first.get("properties")).remove("delivery_tag");
    ((ObjectNode) second.get("properties")).remove("delivery_tag");
    assertEquals(first, second);
  }

  private static JsonNode withoutIds(JsonNode envelope) {
    ObjectNode copy = envelope.deepCopy();
    ObjectNode headers = (ObjectNode) copy.get("headers");
    headers.remove(List.of("id", "root_id"));
    ObjectNode properties = (ObjectNode) copy.get("properties");
    properties.remove(List.of("correlation_id", "delivery_tag"));
    return copy;
  }

  @Test
  void unencodableArgumentsAreRefused() {
    Object unserializable = new Object();
    CeleryTaskMessage message =
        message(TASK_ID, List.of(unserializable), Map.of(), 0, DELIVERY_TAG);

    assertThrows(IllegalArgumentException.class, message::toEnvelope);
  }
}
