package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /jobs/analytics} against a known set of jobs parsed by a real worker: two completed,
 * one failed on its file; the figures are the tenant's alone.
 */
class JobAnalyticsIT {

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void theFiguresOfAKnownSetOfJobs() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String from = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
    String a = upload(token, "a.csv", SampleFiles.csv(tenant + "a"), null);
    String b = upload(token, "b.csv", SampleFiles.csv(tenant + "b"), null);
    String bad =
        upload(token, "c.csv", SampleFiles.csv(tenant + "c"), "{\"simulate\":\"bad_file\"}");
    for (String id : new String[] {a, b, bad}) {
      Jobs.awaitFinished(token, id, Duration.ofSeconds(60));
    }
    Uploads.create(Tenants.fresh(), "other.csv", SampleFiles.csv("other tenant"));

    ApiResponse response =
        Api.get("/jobs/analytics?groupBy=errorCategory&interval=day&from=" + from)
            .bearer(Tokens.of(tenant, "viewer"))
            .send();

    assertEquals(200, response.status(), response::toString);
    JsonNode report = response.json();
    JsonNode totals = report.path("totals");
    assertEquals(3, totals.path("jobs").asInt(), report::toString);
    assertEquals(3, totals.path("finished").asInt(), report::toString);
    assertEquals(2, totals.path("completed").asInt(), report::toString);
    assertEquals(1, totals.path("failed").asInt(), report::toString);
    assertEquals(0.3333, totals.path("failureRate").asDouble(), 0.0001, report::toString);
    assertTrue(totals.path("rowsRead").asLong() > 0, report::toString);
    assertTrue(totals.path("processingSeconds").path("p50").isNumber(), report::toString);
    assertEquals(2, report.path("byState").path("COMPLETED").asInt(), report::toString);
    assertEquals(1, report.path("byState").path("FAILED").asInt(), report::toString);
    assertEquals(3, report.path("byFormat").path("CSV").asInt(), report::toString);
    assertEquals(1, report.path("byErrorCategory").path("BadFile").asInt(), report::toString);
    assertEquals("BadFile", report.path("topErrors").get(0).path("category").asText());
    assertEquals(1, report.path("topErrors").get(0).path("count").asInt());
    JsonNode day = report.path("throughput").get(0);
    assertEquals(3, day.path("created").asInt(), report::toString);
    assertEquals(2, day.path("completed").asInt(), report::toString);
    assertEquals(1, day.path("failed").asInt(), report::toString);
    // latency over time: the percentiles of the jobs that finished that day
    assertTrue(day.path("processingSeconds").path("p95").isNumber(), report::toString);
    assertTrue(day.path("queueWaitSeconds").path("p50").isNumber(), report::toString);
    assertEquals(2, report.path("groups").size(), report::toString);
  }

  @Test
  void anotherTenantSeesNothingOfThem() {
    String tenant = Tenants.fresh();
    Uploads.create(tenant, "mine.csv", SampleFiles.csv(tenant));

    JsonNode theirs =
        Api.get("/jobs/analytics").bearer(Tokens.of(Tenants.fresh(), "admin")).send().json();

    assertEquals(0, theirs.path("totals").path("jobs").asInt(), theirs::toString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "from=yesterday",
        "to=2026-13-01T00:00:00Z",
        "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
        "from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        "groupBy=tenant",
        "interval=minute"
      })
  void refusesBadParameters(String query) {
    Problems.assertProblem(
        Api.get("/jobs/analytics?" + query).bearer(Tokens.of(Tenants.fresh(), "viewer")).send(),
        400,
        "invalid_request");
  }

  @Test
  void needsCredentials() {
    assertEquals(401, Api.get("/jobs/analytics").send().status());
  }

  private static String upload(String token, String name, byte[] content, String metadata) {
    Multipart form = Multipart.file(name, content);
    if (metadata != null) {
      form = form.field("metadata", metadata);
    }
    return Uploads.created(Uploads.multipart(token, form)).path("id").asText();
  }
}
