package io.fileparser.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live Celery workers, from their {@code worker-online/heartbeat/offline} events. Kept in a
 * Redis hash so every instance of the application sees the same registry. A worker counts as alive
 * while its last heartbeat is younger than twice its heartbeat interval, Celery's own rule.
 */
@ApplicationScoped
public class WorkerRegistry {

  static final String KEY = "fileparser:workers";
  private static final Logger LOG = Logger.getLogger(WorkerRegistry.class.getName());

  /** One worker as last heard of. */
  public record WorkerView(
      String hostname,
      boolean alive,
      int active,
      long processed,
      List<Double> loadavg,
      Instant lastHeartbeat,
      double heartbeatSeconds,
      String software) {}

  @Inject RedisConnection redis;

  /** Handles one message of the {@code celeryev} fan-out: an event or an array of events. */
  void onEvent(String envelopeJson) {
    try {
      JsonNode envelope = TaskState.JSON.readTree(envelopeJson);
      JsonNode body = envelope.path("body");
      String bodyJson =
          "base64".equals(envelope.path("properties").path("body_encoding").asText())
              ? new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8)
              : body.isTextual() ? body.asText() : body.toString();
      JsonNode events = TaskState.JSON.readTree(bodyJson);
      if (events.isArray()) {
        events.forEach(this::onWorkerEvent);
      } else {
        onWorkerEvent(events);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      LOG.log(Level.FINE, "ignored an unreadable worker event", e);
    }
  }

  private void onWorkerEvent(JsonNode event) {
    String type = event.path("type").asText("");
    String hostname = event.path("hostname").asText(null);
    if (hostname == null || !type.startsWith("worker-")) {
      return;
    }
    if (type.equals("worker-offline")) {
      redis.pool().hdel(KEY, hostname);
      return;
    }
    ObjectNode record = TaskState.JSON.createObjectNode();
    record.put("hostname", hostname);
    record.put("active", event.path("active").asInt(0));
    record.put("processed", event.path("processed").asLong(0));
    record.set("loadavg", event.path("loadavg"));
    record.put("timestamp", event.path("timestamp").asDouble(Instant.now().getEpochSecond()));
    record.put("freq", event.path("freq").asDouble(2.0));
    record.put("sw", event.path("sw_ident").asText("") + " " + event.path("sw_ver").asText(""));
    redis.pool().hset(KEY, hostname, record.toString());
  }

  public List<WorkerView> list() {
    Map<String, String> all = redis.pool().hgetAll(KEY);
    double now = Instant.now().toEpochMilli() / 1000.0;
    List<WorkerView> workers = new ArrayList<>();
    for (String json : all.values()) {
      try {
        JsonNode w = TaskState.JSON.readTree(json);
        double last = w.path("timestamp").asDouble();
        double freq = w.path("freq").asDouble(2.0);
        List<Double> load = new ArrayList<>();
        w.path("loadavg").forEach(v -> load.add(v.asDouble()));
        workers.add(
            new WorkerView(
                w.path("hostname").asText(),
                now < last + freq * 2,
                w.path("active").asInt(),
                w.path("processed").asLong(),
                load,
                Instant.ofEpochMilli((long) (last * 1000)),
                freq,
                w.path("sw").asText().strip()));
      } catch (JsonProcessingException e) {
        LOG.log(Level.FINE, "ignored an unreadable worker record", e);
      }
    }
    workers.sort(Comparator.comparing(WorkerView::hostname));
    return workers;
  }
}
