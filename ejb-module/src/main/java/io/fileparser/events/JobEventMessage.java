package io.fileparser.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.jobs.JobHistory;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One job event as clients receive it, on every channel alike (WebSocket, SSE, webhooks, the
 * instances' Redis fan-out): {@code {id, type, tenantId, jobId, seq, at, data}}. The id is the job
 * and its seq, so the same event has the same id live and replayed, on every instance.
 *
 * @param data what changed: {@code from} (absent for the first event), {@code state}, {@code step},
 *     {@code percent} (where the job has one) and {@code message}
 */
public record JobEventMessage(
    String id, JobEventType type, String tenantId, UUID jobId, int seq, Instant at, Data data) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The change itself. */
  public record Data(String from, String state, String step, Integer percent, String message) {}

  /** The message for a change as the job recorded it. */
  public static JobEventMessage of(JobChanged change) {
    return of(
        change.tenantId(),
        change.jobId(),
        change.seq(),
        change.at(),
        change.from(),
        change.to(),
        change.step(),
        change.percent(),
        change.detail());
  }

  /** The message for an entry of the job's history (replay). */
  public static JobEventMessage of(String tenantId, UUID jobId, JobHistory.EntryView entry) {
    return of(
        tenantId,
        jobId,
        entry.seq(),
        entry.at(),
        entry.from() == null ? null : JobState.valueOf(entry.from()),
        JobState.valueOf(entry.state()),
        entry.step(),
        entry.percent(),
        entry.message());
  }

  private static JobEventMessage of(
      String tenantId,
      UUID jobId,
      int seq,
      Instant at,
      JobState from,
      JobState to,
      String step,
      Integer percent,
      String message) {
    return new JobEventMessage(
        jobId + ":" + seq,
        JobEventType.of(from, to, step, percent),
        tenantId,
        jobId,
        seq,
        at,
        new Data(from == null ? null : from.name(), to.name(), step, percent, message));
  }

  /** Whether nothing follows this event for its job (completed, failed, cancelled, ...). */
  public boolean isTerminal() {
    return JobState.valueOf(data.state()).isTerminal() && !data.state().equals(data.from());
  }

  /** The message as JSON, the same bytes for every channel. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("type", type.wireName());
    node.put("tenantId", tenantId);
    node.put("jobId", jobId.toString());
    node.put("seq", seq);
    node.put("at", at.toString());
    ObjectNode body = node.putObject("data");
    if (data.from() != null) {
      body.put("from", data.from());
    }
    body.put("state", data.state());
    if (data.step() != null) {
      body.put("step", data.step());
    }
    if (data.percent() != null) {
      body.put("percent", data.percent());
    }
    if (data.message() != null) {
      body.put("message", data.message());
    }
    return node.toString();
  }

  /** Reads what {@link #toJson} wrote; empty for anything else. */
  public static Optional<JobEventMessage> fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      JsonNode body = node.path("data");
      Optional<JobEventType> type = JobEventType.fromWireName(node.path("type").asText());
      if (type.isEmpty() || !node.path("seq").isInt() || !body.path("state").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(
          new JobEventMessage(
              node.path("id").asText(),
              type.get(),
              node.path("tenantId").asText(),
              UUID.fromString(node.path("jobId").asText()),
              node.path("seq").asInt(),
              Instant.parse(node.path("at").asText()),
              new Data(
                  text(body, "from"),
                  body.path("state").asText(),
                  text(body, "step"),
                  body.path("percent").isInt() ? body.path("percent").asInt() : null,
                  text(body, "message"))));
    } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }
}
