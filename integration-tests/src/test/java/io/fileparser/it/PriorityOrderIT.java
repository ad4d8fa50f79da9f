package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Queue priorities hold end to end: jobs waiting in Redis are started by an unmodified Celery
 * worker in the order the Java side's priority policy gave them, and the messages it wrote are what
 * the Celery contract says.
 */
class PriorityOrderIT {

  @Test
  void urgentJobsWaitingInTheQueueStartBeforeLowPriorityOnes() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    List<String> low = new ArrayList<>();
    List<String> urgent = new ArrayList<>();
    // No worker yet: all six wait in Redis, interleaved, low priority first.
    for (int i = 0; i < 3; i++) {
      low.add(upload(token, tenant, "low-" + i, "0"));
      urgent.add(upload(token, tenant, "urgent-" + i, "9"));
    }
    try (JedisPooled redis = Broker.connect()) {
      awaitDispatched(token, low);
      awaitDispatched(token, urgent);
      // A small file of a standard-tier tenant moves up one band: urgency 9 is kombu priority 0
      // (list "parser"), urgency 0 is priority 8 ("parser:8").
      assertEnvelopeFor(redis, "parser", urgent.get(0));
      assertEnvelopeFor(redis, "parser:8", low.get(0));
    }
    try (Workers worker = Workers.start()) {
      List<Instant> urgentStarts = new ArrayList<>();
      List<Instant> lowStarts = new ArrayList<>();
      for (String id : urgent) {
        urgentStarts.add(startedAt(token, id));
      }
      for (String id : low) {
        lowStarts.add(startedAt(token, id));
      }
      // The worker's processes take the urgent jobs first; the last urgent job's start, reported
      // by one process, can trail by a few milliseconds a low one another process took once the
      // urgent queue was empty (seen: 2.4 ms). Had the queue ignored priorities (first in, first
      // out: low, urgent, low, ...), a low job would start before the second urgent one.
      List<Instant> urgentInOrder = urgentStarts.stream().sorted().toList();
      Instant firstLow = lowStarts.stream().min(Instant::compareTo).orElseThrow();
      assertTrue(
          !urgentInOrder.get(1).isAfter(firstLow),
          () -> "urgent started " + urgentStarts + ", low started " + lowStarts);
    }
  }

  private static String upload(String token, String tenant, String name, String priority) {
    return Uploads.created(
            Uploads.multipart(
                token,
                Multipart.file(name + ".csv", SampleFiles.csv(tenant + name))
                    .field("priority", priority)))
        .path("id")
        .asText();
  }

  private static void awaitDispatched(String token, List<String> ids) {
    for (String id : ids) {
      Jobs.await(
          token, id, job -> job.has("dispatchedAt"), Duration.ofSeconds(30), "dispatched to Redis");
    }
  }

  private static Instant startedAt(String token, String id) {
    JsonNode done = Jobs.awaitFinished(token, id, Duration.ofSeconds(90));
    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    return Instant.parse(done.path("startedAt").asText());
  }

  /** The message of this job sits on that list and decodes to the contract's fields. */
  private static void assertEnvelopeFor(JedisPooled redis, String list, String jobId)
      throws Exception {
    for (String raw : redis.lrange(list, 0, -1)) {
      JsonNode envelope = ApiResponse.JSON.readTree(raw);
      String body =
          new String(
              Base64.getDecoder().decode(envelope.path("body").asText()), StandardCharsets.UTF_8);
      JsonNode decoded = ApiResponse.JSON.readTree(body);
      if (!decoded.path(0).path(0).asText().equals(jobId)) {
        continue;
      }
      JsonNode headers = envelope.path("headers");
      assertEquals("parser.process_file", headers.path("task").asText());
      assertEquals(headers.path("id"), headers.path("root_id"));
      assertEquals(
          headers.path("id").asText(), envelope.path("properties").path("correlation_id").asText());
      assertEquals("base64", envelope.path("properties").path("body_encoding").asText());
      assertEquals(
          "parser", envelope.path("properties").path("delivery_info").path("routing_key").asText());
      assertEquals(3, decoded.size(), body);
      assertEquals("CSV", decoded.path(1).path("file").path("format").asText(), body);
      assertTrue(decoded.path(1).path("file").path("uri").asText().startsWith("file:/"), body);
      assertTrue(decoded.path(1).path("output").path("recordsUri").asText().endsWith(".ndjson"));
      return;
    }
    throw new AssertionError("no message of job " + jobId + " on list " + list);
  }
}
