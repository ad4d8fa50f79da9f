package io.fileparser.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Celery protocol v2 task message as kombu's Redis transport stores it on a queue list (see
 * celery-contract.md, section 1): a JSON envelope whose body is the base64 of {@code [args, kwargs,
 * embed]}. Built by hand so the Java side speaks to unmodified Celery workers without a shim.
 *
 * @param timeLimits {@code [hard, soft]} seconds, in that order (Celery's code, not its docs)
 */
public record CeleryTaskMessage(
    String taskName,
    UUID taskId,
    List<?> args,
    Map<String, ?> kwargs,
    String queue,
    int priority,
    UUID deliveryTag,
    String origin,
    Integer hardTimeLimit,
    Integer softTimeLimit) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CeleryTaskMessage {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("kombu priorities run 0..9");
    }
  }

  /** The envelope exactly as LPUSHed. */
  public String toEnvelope() {
    try {
      // [args, kwargs, embed] written straight from the values: no tree in between.
      Map<String, Object> embed = new LinkedHashMap<>();
      embed.put("callbacks", null);
      embed.put("errbacks", null);
      embed.put("chain", null);
      embed.put("chord", null);
      String encodedBody =
          Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(List.of(args, kwargs, embed)));

      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("body", encodedBody);
      envelope.put("content-encoding", "utf-8");
      envelope.put("content-type", "application/json");

      ObjectNode headers = envelope.putObject("headers");
      headers.put("lang", "py");
      headers.put("task", taskName);
      headers.put("id", taskId.toString());
      headers.putNull("shadow");
      headers.putNull("eta");
      headers.putNull("expires");
      headers.putNull("group");
      headers.putNull("group_index");
      headers.put("retries", 0);
      ArrayNode timelimit = headers.putArray("timelimit");
      addNullable(timelimit, hardTimeLimit);
      addNullable(timelimit, softTimeLimit);
      headers.put("root_id", taskId.toString());
      headers.putNull("parent_id");
      headers.put("argsrepr", JSON.writeValueAsString(args));
      headers.put("kwargsrepr", "{...}");
      headers.put("origin", origin);
      headers.put("ignore_result", false);

      ObjectNode properties = envelope.putObject("properties");
      properties.put("correlation_id", taskId.toString());
      properties.put("reply_to", "");
      properties.put("delivery_mode", 2);
      ObjectNode deliveryInfo = properties.putObject("delivery_info");
      deliveryInfo.put("exchange", "");
      deliveryInfo.put("routing_key", queue);
      properties.put("priority", priority);
      properties.put("body_encoding", "base64");
      properties.put("delivery_tag", deliveryTag.toString());
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("task arguments are not JSON-serializable", e);
    }
  }

  private static void addNullable(ArrayNode array, Integer value) {
    if (value == null) {
      array.addNull();
    } else {
      array.add(value);
    }
  }
}
