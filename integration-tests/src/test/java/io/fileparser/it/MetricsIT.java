package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The application's own metrics at {@code /metrics}, read the way a scraper reads them: the text is
 * parsed by the Prometheus project's Python parser (a format error fails the test), and the figures
 * move with what a job does, from upload to a real worker's completion. And {@code /admin/metrics},
 * the dashboards' JSON summary, for each role.
 */
class MetricsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PARSE = Duration.ofSeconds(90);

  @Test
  void theScrapeParsesAsPrometheusTextAndMovesWithAJobFromUploadToCompletion() throws Exception {
    Scrape before = Scrape.now();
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String id;
    try (Workers worker = Workers.start()) {
      id = upload(member, "metrics");
      JsonNode done = Jobs.awaitFinished(member, id, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      // the gauges are sampled every second in this domain
      Scrape during = Scrape.awaitUntil(s -> s.value("fileparser_workers", "status", "live") >= 1);
      assertTrue(during.value("fileparser_workers", "status", "live") >= 1);
    }
    Scrape after = Scrape.now();

    assertType(after, "fileparser_uploads", "counter");
    assertType(after, "fileparser_upload_bytes", "counter");
    assertType(after, "fileparser_job_events", "counter");
    assertType(after, "fileparser_scan_verdicts", "counter");
    assertType(after, "fileparser_dispatch_latency_seconds", "summary");
    assertType(after, "fileparser_processing_time_seconds", "summary");
    assertType(after, "fileparser_progress_latency_seconds", "summary");
    assertType(after, "fileparser_queue_waiting", "gauge");
    assertType(after, "fileparser_queue_oldest_age_seconds", "gauge");
    assertType(after, "fileparser_jobs_running", "gauge");
    assertType(after, "fileparser_jobs_dead_lettered", "gauge");
    assertType(after, "fileparser_dispatch_paused", "gauge");

    long size = SampleFiles.csv("metrics").length; // the variant's length is what differs
    assertTrue(grew(before, after, "fileparser_uploads_total", "format", "csv") >= 1);
    assertTrue(
        grew(before, after, "fileparser_upload_bytes_total", "format", "csv") >= size - 64,
        "the uploaded bytes are counted");
    assertTrue(grew(before, after, "fileparser_scan_verdicts_total", "verdict", "clean") >= 1);
    for (String type : new String[] {"created", "queued", "dispatched", "completed"}) {
      assertTrue(
          grew(before, after, "fileparser_job_events_total", "type", type) >= 1,
          () -> "job events of type " + type + " are counted");
    }
    assertTrue(grew(before, after, "fileparser_dispatch_latency_seconds_count", null, null) >= 1);
    assertTrue(
        grew(
                before,
                after,
                "fileparser_processing_time_seconds_count",
                Map.of("format", "csv", "outcome", "completed"))
            >= 1);
    assertTrue(
        grew(before, after, "fileparser_progress_latency_seconds_count", Map.of("kind", "outcome"))
            >= 1,
        "the worker's outcome was timed from its date_done");
    double reports =
        after.sum("fileparser_progress_latency_seconds_count", Map.of("kind", "progress"));
    double mean =
        after.sum("fileparser_progress_latency_seconds_sum", Map.of("kind", "progress")) / reports;
    assertTrue(
        reports >= 1 && mean >= 0 && mean < 30,
        () -> "a progress report reaches its job within seconds, in seconds: mean " + mean);
    double max = after.sum("fileparser_progress_latency_seconds_max", Map.of("kind", "progress"));
    assertTrue(max >= mean && max < 60, () -> "the slowest report, in seconds: " + max);
    assertTrue(
        !after.has("fileparser_progress_latency_seconds", Map.of("quantile", "0.5")),
        "no quantiles (Payara writes them in nanoseconds)");
    for (int band = 0; band < 10; band++) {
      assertTrue(
          after.has("fileparser_queue_waiting", Map.of("priority", Integer.toString(band))),
          "every priority band has its gauge");
    }
  }

  @Test
  void theBacklogGaugesAreSampledFromTheDatabase() throws Exception {
    String member = Tokens.of(Tenants.fresh(), "member");
    upload(member, "backlog"); // no worker runs: the broker holds its task

    Scrape scrape = Scrape.awaitUntil(s -> s.sum("fileparser_queue_dispatched", Map.of()) >= 1);
    assertTrue(
        scrape.sum("fileparser_queue_dispatched", Map.of()) >= 1,
        "a dispatched job no worker started is in the gauges");
  }

  @Test
  void theDashboardSummaryCountsATenantsJobsAndTheOperatorSeesTheFleet() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String completed;
    try (Workers worker = Workers.start()) {
      completed = upload(member, "dashboard-a");
      Jobs.awaitFinished(member, completed, PARSE);
      String second = upload(member, "dashboard-b");
      Jobs.awaitFinished(member, second, PARSE);
      ApiResponse fleetView =
          Api.get("/admin/metrics?tenantId=" + tenant).bearer(Tokens.operator()).send();
      assertEquals(200, fleetView.status(), fleetView::toString);
      assertTrue(
          fleetView.json().path("fleet").path("liveWorkers").asInt() >= 1, fleetView::toString);
      assertEquals(tenant, fleetView.json().path("tenantId").asText());
    }

    for (String role : new String[] {"admin", "owner"}) {
      ApiResponse response = Api.get("/admin/metrics").bearer(Tokens.of(tenant, role)).send();
      assertEquals(200, response.status(), response::toString);
      JsonNode summary = response.json();
      assertEquals(tenant, summary.path("tenantId").asText(), summary::toString);
      assertEquals(24, summary.path("windowHours").asInt());
      assertEquals(2, summary.path("uploads").path("files").asLong(), summary::toString);
      assertTrue(summary.path("uploads").path("bytes").asLong() > 0, summary::toString);
      assertEquals(2, summary.path("jobsByState").path("COMPLETED").asLong(), summary::toString);
      assertEquals(0.0, summary.path("failureRate").asDouble(), summary::toString);
      JsonNode csv = summary.path("formats").get(0);
      assertNotNull(csv, summary::toString);
      assertEquals("CSV", csv.path("format").asText(), summary::toString);
      assertEquals(2, csv.path("completed").asLong(), summary::toString);
      assertTrue(csv.path("processingSeconds").path("p50").asDouble() >= 0, summary::toString);
      assertTrue(csv.path("processingSeconds").path("p99").isNumber(), summary::toString);
      assertEquals(0, summary.path("queue").path("waiting").asLong(), summary::toString);
      assertTrue(summary.path("fleet").isNull() || summary.path("fleet").isMissingNode());
    }
    // a newer tenant's view has none of it
    JsonNode other =
        Api.get("/admin/metrics").bearer(Tokens.of(Tenants.fresh(), "admin")).send().json();
    assertEquals(0, other.path("uploads").path("files").asLong(), other::toString);
  }

  @Test
  void theSummaryIsForAdminsOwnersAndTheOperatorOnly() {
    String tenant = Tenants.fresh();
    for (String role : new String[] {"viewer", "member", "service"}) {
      Problems.assertProblem(
          Api.get("/admin/metrics").bearer(Tokens.of(tenant, role)).send(), 403, "forbidden");
    }
    assertEquals(401, Api.get("/admin/metrics").send().status());
    Problems.assertProblem(
        Api.get("/admin/metrics?tenantId=" + Tenants.fresh())
            .bearer(Tokens.of(tenant, "admin"))
            .send(),
        403,
        "forbidden");
  }

  @Test
  void aBadWindowOrTenantIsABadRequest() {
    String admin = Tokens.of(Tenants.fresh(), "admin");
    for (String window : new String[] {"0", "745", "soon", "1.5"}) {
      Problems.assertProblem(
          Api.get("/admin/metrics?windowHours=" + window).bearer(admin).send(),
          400,
          "invalid_request");
    }
    Problems.assertProblem(
        Api.get("/admin/metrics?tenantId=-nope").bearer(Tokens.operator()).send(),
        400,
        "invalid_request");
  }

  private static String upload(String token, String variant) {
    return Uploads.created(
            Uploads.multipart(
                token, Multipart.file("work.csv", SampleFiles.csv(variant + UUID.randomUUID()))))
        .path("id")
        .asText();
  }

  private static void assertType(Scrape scrape, String family, String type) {
    JsonNode found = scrape.family(family);
    assertNotNull(found, () -> family + " is exposed: " + scrape.names());
    assertEquals(type, found.path("type").asText(), () -> family + ": " + found);
    assertTrue(!found.path("help").asText().isBlank(), () -> family + " is described");
  }

  private static double grew(
      Scrape before, Scrape after, String sample, String label, String value) {
    Map<String, String> labels = label == null ? Map.of() : Map.of(label, value);
    return grew(before, after, sample, labels);
  }

  private static double grew(
      Scrape before, Scrape after, String sample, Map<String, String> labels) {
    return after.sum(sample, labels) - before.sum(sample, labels);
  }

  /** One scrape of {@code /metrics}, as the Prometheus parser read it. */
  private record Scrape(JsonNode families) {

    static Scrape now() throws IOException, InterruptedException {
      ApiResponse response = Api.call("GET", TestEnvironment.serverUri("/metrics")).send();
      assertEquals(200, response.status(), response::toString);
      return new Scrape(parse(response.text()));
    }

    static Scrape awaitUntil(Predicate<Scrape> condition) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Scrape scrape = now();
      while (!condition.test(scrape) && System.nanoTime() < deadline) {
        Jobs.sleep(500);
        scrape = now();
      }
      return scrape;
    }

    /** The exposition through {@code prometheus_families.py}: families as JSON. */
    private static JsonNode parse(String text) throws IOException, InterruptedException {
      Path script =
          TestEnvironment.repoDir()
              .resolve("integration-tests/src/test/resources/prometheus_families.py");
      Process parser =
          new ProcessBuilder("/usr/bin/python3", script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OutputStream in = parser.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = parser.getInputStream().readAllBytes();
      assertTrue(parser.waitFor(30, TimeUnit.SECONDS), "the parser ends");
      assertEquals(0, parser.exitValue(), "the Prometheus parser read the exposition");
      return JSON.readTree(out);
    }

    JsonNode family(String name) {
      for (JsonNode family : families) {
        if (family.path("name").asText().equals(name)) {
          return family;
        }
      }
      return null;
    }

    String names() {
      StringBuilder names = new StringBuilder();
      families.forEach(f -> names.append(f.path("name").asText()).append(' '));
      return names.toString();
    }

    boolean has(String sample, Map<String, String> labels) {
      return matching(sample, labels).size() > 0;
    }

    double value(String sample, String label, String value) {
      return sum(sample, Map.of(label, value));
    }

    double value(String sample, Map<String, String> labels) {
      return sum(sample, labels);
    }

    /** The sum of the samples of that name whose labels include {@code labels}. */
    double sum(String sample, Map<String, String> labels) {
      double sum = 0;
      for (JsonNode s : matching(sample, labels).values()) {
        sum += s.path("value").asDouble();
      }
      return sum;
    }

    private Map<String, JsonNode> matching(String sample, Map<String, String> labels) {
      Map<String, JsonNode> found = new HashMap<>();
      for (JsonNode family : families) {
        for (JsonNode s : family.path("samples")) {
          if (!s.path("name").asText().equals(sample)) {
            continue;
          }
          boolean all = true;
          for (Map.Entry<String, String> label : labels.entrySet()) {
            all &= label.getValue().equals(s.path("labels").path(label.getKey()).asText(null));
          }
          if (all) {
            found.put(s.path("labels").toString() + found.size(), s);
          }
        }
      }
      return found;
    }
  }
}
