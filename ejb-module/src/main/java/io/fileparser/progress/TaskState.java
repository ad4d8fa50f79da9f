package io.fileparser.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/**
 * One state of a Celery task as the Redis result backend stores and publishes it under {@code
 * celery-task-meta-<id>} (celery-contract.md, section 4): PROGRESS with the worker's meta in {@code
 * result}, SUCCESS with the return value, FAILURE/REVOKED with an exception object.
 */
public record TaskState(String taskId, String status, JsonNode result) {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY_PREFIX = "celery-task-meta-";

  /** Reads a published or stored value; empty for anything that is not a task state. */
  public static Optional<TaskState> parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.hasNonNull("task_id") || !node.hasNonNull("status")) {
        return Optional.empty();
      }
      JsonNode result = node.has("result") ? node.get("result") : NullNode.getInstance();
      return Optional.of(
          new TaskState(node.get("task_id").asText(), node.get("status").asText(), result));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  public boolean isReady() {
    return status.equals("SUCCESS") || status.equals("FAILURE") || status.equals("REVOKED");
  }

  /** The {@code exc_type} of a failure, which names the error category. */
  public String exceptionType() {
    return result.path("exc_type").asText(null);
  }

  /** The {@code exc_message} of a failure: a list of arguments, joined. */
  public String exceptionMessage() {
    JsonNode message = result.path("exc_message");
    if (message.isArray()) {
      StringBuilder text = new StringBuilder();
      message.forEach(part -> text.append(text.length() > 0 ? "; " : "").append(part.asText()));
      return text.toString();
    }
    return message.isMissingNode() || message.isNull() ? null : message.asText();
  }
}
