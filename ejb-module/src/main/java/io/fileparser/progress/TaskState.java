package io.fileparser.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One state of a Celery task as the Redis result backend stores and publishes it under {@code
 * celery-task-meta-<id>} (celery-contract.md, section 4): PROGRESS with the worker's meta in {@code
 * result}, SUCCESS with the return value, FAILURE/REVOKED with an exception object.
 */
public record TaskState(String taskId, String status, JsonNode result, Instant reportedAt) {

  public TaskState(String taskId, String status, JsonNode result) {
    this(taskId, status, result, null);
  }

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
          new TaskState(
              node.get("task_id").asText(),
              node.get("status").asText(),
              result,
              reportedAt(node, result)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * When the worker made this report, where it says: a progress report's {@code at} (seconds since
   * the epoch to the microsecond, from our worker), a finished task's {@code date_done} (Celery
   * writes it as an ISO date-time in UTC, without a zone).
   */
  static Instant reportedAt(JsonNode node, JsonNode result) {
    JsonNode at = result.path("at");
    if (at.isNumber()) {
      return Instant.EPOCH.plusNanos(Math.round(at.asDouble() * 1_000_000) * 1_000);
    }
    String done = node.path("date_done").asText(null);
    if (done == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(done).toInstant();
    } catch (DateTimeParseException zoned) {
      try {
        return LocalDateTime.parse(done).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return null;
      }
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
