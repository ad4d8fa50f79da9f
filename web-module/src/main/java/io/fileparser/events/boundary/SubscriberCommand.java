package io.fileparser.events.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * A command a WebSocket client sends: {@code {"type": "subscribe" | "unsubscribe", "id": "...",
 * "jobId": "<uuid>", "fromSeq": N}} for one job, or with {@code "scope": "tenant"} instead of a job
 * for all of the tenant's jobs. {@code id} is the client's, echoed in the ack or error; {@code
 * fromSeq} (subscribe to a job only) is the first seq wanted: the events from it on are replayed
 * from the history, then live. {@code afterEventId} (subscribe to the tenant only) is the id of the
 * last event the client had: what was recorded since comes first (events of other jobs within a
 * margin of seconds may come again).
 */
record SubscriberCommand(
    String type, String id, UUID jobId, boolean tenantScope, Integer fromSeq, String afterEventId) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of("type", "id", "jobId", "scope", "fromSeq", "afterEventId");

  /** A command the client got wrong; the message says how, in the protocol's terms. */
  static final class Invalid extends Exception {
    final String id;

    Invalid(String id, String message) {
      super(message, null, false, false);
      this.id = id;
    }
  }

  boolean isSubscribe() {
    return type.equals("subscribe");
  }

  static SubscriberCommand parse(String text) throws Invalid {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new Invalid(null, "a command is one JSON object; this is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new Invalid(null, "a command is one JSON object");
    }
    String id = node.path("id").isTextual() ? node.path("id").asText() : null;
    if (id != null && id.length() > 64) {
      throw new Invalid(null, "id is at most 64 characters");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new Invalid(id, "unknown field '" + name + "'; a command has " + FIELDS);
      }
    }
    String type = node.path("type").asText("");
    if (!type.equals("subscribe") && !type.equals("unsubscribe")) {
      throw new Invalid(id, "type is 'subscribe' or 'unsubscribe'");
    }
    boolean tenant = node.has("scope");
    if (tenant && !"tenant".equals(node.path("scope").asText())) {
      throw new Invalid(id, "scope is 'tenant' (every job of the tenant) when given");
    }
    if (tenant == node.has("jobId")) {
      throw new Invalid(id, "give either jobId or scope \"tenant\"");
    }
    UUID jobId = null;
    if (!tenant) {
      try {
        jobId = UUID.fromString(node.path("jobId").asText());
      } catch (IllegalArgumentException e) {
        throw new Invalid(id, "jobId is a job's UUID");
      }
    }
    Integer fromSeq = null;
    if (node.has("fromSeq")) {
      JsonNode seq = node.path("fromSeq");
      if (tenant || !type.equals("subscribe")) {
        throw new Invalid(id, "fromSeq belongs to a subscription to one job");
      }
      if (!seq.canConvertToInt() || !seq.isIntegralNumber() || seq.asInt() < 1) {
        throw new Invalid(id, "fromSeq is a whole number, 1 or more");
      }
      fromSeq = seq.asInt();
    }
    String afterEventId = null;
    if (node.has("afterEventId")) {
      if (!tenant || !type.equals("subscribe") || !node.path("afterEventId").isTextual()) {
        throw new Invalid(id, "afterEventId (text) belongs to a subscription to the tenant");
      }
      afterEventId = node.path("afterEventId").asText();
    }
    return new SubscriberCommand(type, id, jobId, tenant, fromSeq, afterEventId);
  }
}
