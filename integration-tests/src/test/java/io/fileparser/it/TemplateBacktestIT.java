package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Back-testing a draft template version: a real worker reads the tenant's files of the template
 * with the draft and the current version, the answer says per field what would change, and the jobs
 * stay as they were.
 */
class TemplateBacktestIT {

  private static final Duration PARSED = Duration.ofSeconds(90);
  private static final byte[] CALLS =
      ("caller,seconds\n+4930123456,60\n+4930123457,200\n+4930123458,45\n+4930123459,7\n")
          .getBytes(StandardCharsets.UTF_8);

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  static Map<String, Object> document(Map<String, Object> secondsRules) {
    return Map.of(
        "name",
        "Calls with seconds",
        "format",
        "CSV",
        "confidenceThreshold",
        0.8,
        "source",
        Map.of("header", true, "delimiter", ","),
        "fields",
        List.of(
            Map.of(
                "name",
                "caller",
                "type",
                "phone",
                "required",
                true,
                "locate",
                Map.of("header", "caller")),
            Map.of(
                "name",
                "seconds",
                "type",
                "duration",
                "required",
                true,
                "locate",
                Map.of("header", "seconds"),
                "format",
                "seconds",
                "rules",
                secondsRules)));
  }

  static ApiResponse backtest(String token, String templateId, int version) {
    return Api.post("/templates/" + templateId + "/versions/" + version + "/backtest")
        .bearer(token)
        .send();
  }

  /** A tenant's published template (version 1) that read one completed job: {id, jobId}. */
  static String[] templateWithAJob(String tenant) {
    String member = Tokens.of(tenant, "member");
    ApiResponse created = Api.post("/templates").bearer(member).json(document(Map.of())).send();
    assertEquals(201, created.status(), created::toString);
    String id = created.json().path("id").asText();
    assertEquals(200, TemplatesIT.publish(tenant, id, 1).status());
    String jobId =
        Uploads.created(
                Uploads.multipart(
                    member, Multipart.file("calls.csv", CALLS).field("templateId", id)))
            .path("id")
            .asText();
    JsonNode done = Jobs.awaitFinished(member, jobId, PARSED);
    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertEquals(id, done.path("classification").path("templateMatched").asText(), done::toString);
    return new String[] {id, jobId};
  }

  static JsonNode awaitBacktest(String token, String location) {
    long deadline = System.nanoTime() + PARSED.toNanos();
    while (true) {
      ApiResponse read = Api.call("GET", java.net.URI.create(location)).bearer(token).send();
      assertEquals(200, read.status(), read::toString);
      if (!"RUNNING".equals(read.json().path("state").asText())) {
        return read.json();
      }
      assertTrue(System.nanoTime() < deadline, () -> "still running: " + read);
      Jobs.sleep(200);
    }
  }

  @Test
  void aDraftIsComparedWithTheCurrentVersionOnTheTenantsFilesWithoutTouchingTheJobs() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String[] made = templateWithAJob(tenant);
    String id = made[0];
    String jobId = made[1];
    JsonNode jobBefore = Jobs.status(member, jobId);
    ApiResponse drafted = TemplatesIT.put(member, id, document(Map.of("max", 100)));
    assertEquals(200, drafted.status(), drafted::toString);

    ApiResponse started = backtest(member, id, 2);

    assertEquals(202, started.status(), started::toString);
    assertEquals("RUNNING", started.json().path("state").asText(), started::toString);
    assertEquals(2, started.json().path("version").asInt());
    assertEquals(1, started.json().path("againstVersion").asInt());
    assertEquals(1, started.json().path("files").asInt());
    String location = started.header("Location").orElseThrow();
    assertTrue(
        location.endsWith("/templates/" + id + "/backtests/" + started.json().path("id").asText()),
        location);

    JsonNode done = awaitBacktest(Tokens.of(tenant, "viewer"), location);

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    JsonNode totals = done.path("result").path("totals");
    assertEquals(4, totals.path("rows").path("compared").asInt(), done::toString);
    assertEquals(1, totals.path("rows").path("changed").asInt(), done::toString);
    assertEquals(1, totals.path("rows").path("stopAccepted").asInt(), done::toString);
    assertEquals(4, totals.path("accepted").path("current").asInt(), done::toString);
    assertEquals(3, totals.path("accepted").path("draft").asInt(), done::toString);
    assertEquals(1, totals.path("fields").path("seconds").path("stopsValidating").asInt());
    assertEquals(0, totals.path("fields").path("caller").path("changed").asInt());
    JsonNode file = done.path("result").path("files").path(0);
    assertEquals(jobId, file.path("jobId").asText(), done::toString);
    assertEquals(3, file.path("examples").path(0).path("row").asInt(), done::toString);

    JsonNode jobAfter = Jobs.status(member, jobId);
    assertEquals(jobBefore.path("state"), jobAfter.path("state"));
    assertEquals(jobBefore.path("recordCount"), jobAfter.path("recordCount"));
    assertEquals(jobBefore.path("classification"), jobAfter.path("classification"));
    JsonNode records = Api.get("/jobs/" + jobId + "/result?limit=10").bearer(member).send().json();
    assertEquals(4, records.path("items").size(), records::toString);
  }

  @Test
  void onlyADraftOfATemplateThatReadFilesIsBackTestedByItsOwnTenantsMembers() {
    String tenant = Tenants.fresh();
    String[] made = templateWithAJob(tenant);
    String id = made[0];
    String member = Tokens.of(tenant, "member");

    Problems.assertProblem(backtest(member, id, 1), 409, "template_version_not_draft");
    Problems.assertProblem(backtest(member, id, 9), 404, "template_version_not_found");
    assertEquals(200, TemplatesIT.put(member, id, document(Map.of("max", 100))).status());
    Problems.assertProblem(backtest(Tokens.of(tenant, "viewer"), id, 2), 403, "forbidden");
    String stranger = Tokens.of(Tenants.fresh(), "owner");
    Problems.assertProblem(backtest(stranger, id, 2), 404, "template_not_found");

    ApiResponse started = backtest(member, id, 2);
    assertEquals(202, started.status(), started::toString);
    String backtestId = started.json().path("id").asText();
    Problems.assertProblem(
        Api.get("/templates/" + id + "/backtests/" + backtestId).bearer(stranger).send(),
        404,
        "template_not_found");
    Problems.assertProblem(
        Api.get("/templates/" + id + "/backtests/" + UUID.randomUUID()).bearer(member).send(),
        404,
        "template_backtest_not_found");
    String other = TemplatesIT.published(tenant, "Another");
    Problems.assertProblem(
        Api.get("/templates/" + other + "/backtests/" + backtestId).bearer(member).send(),
        404,
        "template_backtest_not_found");

    assertEquals(
        200, TemplatesIT.put(member, other, TemplatesIT.document("Another", "a")).status());
    Problems.assertProblem(backtest(member, other, 2), 409, "template_backtest_no_files");
  }
}
