package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * What happens when the work goes wrong: a worker killed mid-task, a task that keeps failing with a
 * retryable error, a running job cancelled. Each test runs its own workers.
 */
class WorkerFailuresIT {

  @Test
  void jobOfAKilledWorkerIsRedispatchedCompletesOnceAndShowsEveryChange() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id;
    try (Workers doomed = Workers.start()) {
      JsonNode job = upload(token, tenant, "{\"simulate\":\"slow\",\"slowSeconds\":2}");
      id = job.path("id").asText();
      Jobs.awaitState(token, id, "RUNNING", Duration.ofSeconds(60));
      doomed.kill();
    }
    try (Workers survivor = Workers.start()) {
      JsonNode done = Jobs.awaitFinished(token, id, Duration.ofSeconds(120));
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      assertTrue(done.path("attempts").asInt() >= 2, done::toString);
      // Let a late result of the first attempt (kombu restores it at worker start) arrive.
      Jobs.sleep(3000);
      JsonNode history = Jobs.history(token, id);
      assertEquals(1, count(history, "COMPLETED"), () -> "completed once: " + history);
      assertEquals("COMPLETED", Jobs.status(token, id).path("state").asText());
      History.assertConsecutive(history);
      History.assertInOrder(
          history,
          "-" + ">RECEIVED received",
          "RECEIVED>RECEIVED stored",
          "RECEIVED>RECEIVED scanned",
          "RECEIVED>RECEIVED validated",
          "RECEIVED>QUEUED queued",
          "QUEUED>QUEUED dispatched",
          "QUEUED>RUNNING started",
          "RUNNING>QUEUED queued",
          "QUEUED>RUNNING started",
          "RUNNING>COMPLETED parsed");
      // The relay marks an attempt dispatched after its push commits: a fast worker may report
      // first, so the second "dispatched" can come while the job already runs.
      assertEquals(
          2,
          History.lines(history).stream().filter(l -> l.endsWith(" dispatched")).count(),
          () -> "each attempt dispatched once: " + History.lines(history));
      assertTrue(history.toString().contains("WorkerLost"), () -> "the retry says why: " + history);
    }
  }

  @Test
  void retryableFailureIsRetriedWithGrowingDelaysThenDeadLettered() throws SQLException {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (Workers worker = Workers.start()) {
      JsonNode job = upload(token, tenant, "{\"simulate\":\"retryable_failure\"}");
      String id = job.path("id").asText();

      JsonNode dead = Jobs.awaitFinished(token, id, Duration.ofSeconds(90));

      assertEquals("DEAD_LETTERED", dead.path("state").asText(), dead::toString);
      assertEquals(3, dead.path("attempts").asInt(), "the IT domain allows 3 attempts");
      assertEquals("StorageUnavailable", dead.path("error").path("category").asText());
      assertEquals("platform", dead.path("error").path("kind").asText(), dead::toString);
      assertTrue(dead.path("error").path("retried").asBoolean(), dead::toString);
      assertTrue(!dead.path("error").path("remediation").asText().isEmpty(), dead::toString);
      List<Long> delays = retryDelaysMillis(UUID.fromString(id));
      assertEquals(2, delays.size(), delays::toString);
      // backoff-base 500 ms, jitter between half and all of it: [250, 500] then [500, 1000]
      assertTrue(delays.get(0) >= 250 && delays.get(0) <= 600, delays::toString);
      assertTrue(delays.get(1) >= 500 && delays.get(1) <= 1100, delays::toString);
      assertTrue(delays.get(1) >= delays.get(0), delays::toString);
    }
  }

  @Test
  void nonRetryableFailureFailsAtOnceWithARemediationHint() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (Workers worker = Workers.start()) {
      JsonNode job = upload(token, tenant, "{\"simulate\":\"bad_file\"}");
      JsonNode failed = Jobs.awaitFinished(token, job.path("id").asText(), Duration.ofSeconds(60));
      assertEquals("FAILED", failed.path("state").asText(), failed::toString);
      assertEquals(1, failed.path("attempts").asInt(), failed::toString);
      assertEquals("BadFile", failed.path("error").path("category").asText(), failed::toString);
      assertEquals("file", failed.path("error").path("kind").asText(), failed::toString);
      assertFalse(failed.path("error").path("retried").asBoolean(), failed::toString);
      assertTrue(!failed.path("error").path("remediation").asText().isEmpty(), failed::toString);
      JsonNode performance = failed.path("performance");
      assertTrue(performance.path("processingSeconds").asDouble(-1) >= 0, failed::toString);
      assertTrue(
          performance.path("totalSeconds").asDouble()
              >= performance.path("processingSeconds").asDouble(),
          failed::toString);
    }
  }

  @Test
  void cancelledRunningJobIsStoppedByTheWorkerAndStaysCancelled() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (Workers worker = Workers.start();
        JedisPooled redis = Broker.connect()) {
      JsonNode job = upload(token, tenant, "{\"simulate\":\"slow\",\"slowSeconds\":3}");
      String id = job.path("id").asText();
      JsonNode running = Jobs.awaitState(token, id, "RUNNING", Duration.ofSeconds(60));
      String taskId = taskIdOf(UUID.fromString(id));

      ApiResponse cancel = Api.post("/jobs/" + id + "/cancel").bearer(token).send();

      assertEquals(200, cancel.status(), cancel::toString);
      assertEquals("CANCELLED", cancel.json().path("state").asText());
      // The worker terminated the task: Celery stores REVOKED for it.
      long deadline = System.currentTimeMillis() + 15_000;
      String meta = redis.get("celery-task-meta-" + taskId);
      while ((meta == null || !meta.contains("REVOKED")) && System.currentTimeMillis() < deadline) {
        Jobs.sleep(200);
        meta = redis.get("celery-task-meta-" + taskId);
      }
      assertTrue(meta != null && meta.contains("REVOKED"), "task state: " + meta + ", " + running);
      Jobs.sleep(4000);
      assertEquals("CANCELLED", Jobs.status(token, id).path("state").asText());
      ApiResponse again = Api.post("/jobs/" + id + "/cancel").bearer(token).send();
      assertEquals(200, again.status(), "cancelling twice is harmless: " + again);
    }
  }

  @Test
  void queuedJobCanBeDeletedAndIsGoneAfterwards() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    // No worker runs in this test, so the job stays queued.
    JsonNode job = Uploads.create(tenant, "queued.csv", SampleFiles.csv(tenant));
    String id = job.path("id").asText();

    ApiResponse deleted = Api.delete("/jobs/" + id).bearer(token).send();

    assertEquals(204, deleted.status(), deleted::toString);
    Problems.assertProblem(Api.get("/status/" + id).bearer(token).send(), 404, "job_not_found");
    Problems.assertProblem(
        Api.delete("/jobs/" + UUID.randomUUID()).bearer(token).send(), 404, "job_not_found");
  }

  private static JsonNode upload(String token, String tenant, String metadata) {
    return Uploads.created(
        Uploads.multipart(
            token,
            Multipart.file("work.csv", SampleFiles.csv(tenant + metadata))
                .field("metadata", metadata)));
  }

  private static int count(JsonNode history, String state) {
    int n = 0;
    for (JsonNode entry : history) {
      if (entry.path("state").asText().equals(state)) {
        n++;
      }
    }
    return n;
  }

  private static String taskIdOf(UUID jobId) {
    try (Connection c = Database.connect();
        PreparedStatement st = c.prepareStatement("select celery_task_id from jobs where id = ?")) {
      st.setObject(1, jobId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The wait before each re-dispatch: when the attempt became available minus when it was made. */
  private static List<Long> retryDelaysMillis(UUID jobId) throws SQLException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement(
                "select (extract(epoch from available_at - created_at) * 1000)::bigint"
                    + " from dispatch_outbox where job_id = ? and attempt > 1 order by attempt")) {
      st.setObject(1, jobId);
      List<Long> delays = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          delays.add(rs.getLong(1));
        }
      }
      return delays;
    }
  }
}
