package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Manual mapping with a real worker: a file of a layout nobody knows waits for a mapping, the
 * suggestions are sensible, a draft is checked, the approved mapping parses the file and becomes a
 * template (version), and the next file of that layout completes without review.
 */
class MappingIT {

  /** Generous: each approval also has a worker retrain the tenant's field model (tens of s). */
  private static final Duration PARSED = Duration.ofSeconds(240);

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.startHoldingForMapping(3);
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  /** Call records in a layout no built-in template knows, with a header line. */
  static byte[] calls(int first) {
    StringBuilder text =
        new StringBuilder(
            "Originating Number,Dialled Number,Call Start,Talk Seconds,Cost Center\n");
    for (int n = first; n < first + 40; n++) {
      text.append(
          String.format(
              "+44163296%04d,+3319876%04d,2026-03-0%d 10:%02d:00,%d,CC-%d%n",
              n, n, n % 9 + 1, n % 60, n * 7 % 600, n % 5));
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, Object> mapping() {
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("Originating Number", "caller");
    columns.put("Dialled Number", "callee");
    columns.put("Call Start", "start");
    columns.put("Talk Seconds", "durationSeconds");
    columns.put("Cost Center", Map.of("field", "costCenter", "type", "string"));
    return Map.of("columns", columns);
  }

  /** A job of the tenant's member waiting for a mapping: its id. */
  static String waitingJob(String tenant) {
    String id = Uploads.create(tenant, "calls.csv", calls(0)).path("id").asText();
    JsonNode job = Jobs.awaitState(Tokens.of(tenant, "viewer"), id, "NEEDS_MAPPING", PARSED);
    assertTrue(job.path("needsMapping").asBoolean(), job::toString);
    return id;
  }

  static ApiResponse put(String token, String jobId, Object body) {
    return Api.call("PUT", TestEnvironment.apiUri("/mapping/" + jobId))
        .bearer(token)
        .json(body)
        .send();
  }

  static ApiResponse submit(String token, String jobId) {
    return Api.post("/mapping/" + jobId + "/submit").bearer(token).send();
  }

  static ApiResponse approve(String token, String jobId, Object body) {
    return Api.post("/mapping/" + jobId + "/approve").bearer(token).json(body).send();
  }

  private static JsonNode column(JsonNode mapping, String name) {
    for (JsonNode column : mapping.path("columns")) {
      if (name.equals(column.path("name").asText())) {
        return column;
      }
    }
    throw new AssertionError("no column " + name + " in " + mapping);
  }

  @Test
  void anUnknownLayoutWaitsForAMappingWithSensibleSuggestionsAndTheSubmitterIsTold() {
    String tenant = Tenants.fresh();
    String viewer = Tokens.of(tenant, "viewer");
    String jobId = waitingJob(tenant);

    JsonNode pending = Api.get("/mapping?state=pending").bearer(viewer).send().json();
    assertEquals(jobId, pending.path("items").path(0).path("jobId").asText(), pending::toString);
    assertEquals("PENDING", pending.path("items").path(0).path("state").asText());

    ApiResponse read = Api.get("/mapping/" + jobId).bearer(viewer).send();
    assertEquals(200, read.status(), read::toString);
    JsonNode mapping = read.json();
    assertEquals(5, mapping.path("columns").size(), mapping::toString);
    assertTrue(mapping.path("sampleRows").size() > 0);
    JsonNode origin = column(mapping, "Originating Number");
    assertEquals(
        "caller", origin.path("suggestions").path(0).path("field").asText(), origin::toString);
    assertFalse(origin.path("suggestions").path(0).path("reason").asText().isBlank());
    assertTrue(origin.path("examples").size() > 0);
    assertTrue(origin.has("nullRatio") && origin.has("inferredType"), origin::toString);
    assertEquals(
        "start",
        column(mapping, "Call Start").path("suggestions").path(0).path("field").asText(),
        mapping::toString);

    JsonNode history = Jobs.history(viewer, jobId);
    boolean evented = false;
    for (JsonNode event : history) {
      evented |= "NEEDS_MAPPING".equals(event.path("state").asText());
    }
    assertTrue(evented, history::toString);
    JsonNode feed = Api.get("/notifications").bearer(Tokens.of(tenant, "member")).send().json();
    boolean told = false;
    for (JsonNode item : feed.path("items")) {
      told |=
          "job.needs_mapping".equals(item.path("kind").asText())
              && jobId.equals(item.path("jobId").asText());
    }
    assertTrue(told, feed::toString);
  }

  @Test
  void anApprovedMappingBecomesATemplateAndTheNextFileOfThatLayoutCompletesWithoutReview() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String admin = Tokens.of(tenant, "admin");
    String jobId = waitingJob(tenant);

    ApiResponse drafted = put(member, jobId, mapping());
    assertEquals(200, drafted.status(), drafted::toString);
    assertEquals("DRAFT", drafted.json().path("state").asText());
    ApiResponse submitted = submit(member, jobId);
    assertEquals(200, submitted.status(), submitted::toString);
    assertEquals("SUBMITTED", submitted.json().path("state").asText());

    ApiResponse approved =
        approve(admin, jobId, Map.of("saveAs", Map.of("name", "Carrier X calls", "publish", true)));
    assertEquals(200, approved.status(), approved::toString);
    assertEquals("APPROVED", approved.json().path("state").asText());
    String templateId = approved.json().path("savedTemplate").path("templateId").asText();
    assertEquals(1, approved.json().path("savedTemplate").path("version").asInt());

    JsonNode done = Jobs.awaitFinished(member, jobId, PARSED);
    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertEquals(
        templateId, done.path("classification").path("templateMatched").asText(), done::toString);
    JsonNode records = Api.get("/jobs/" + jobId + "/result?limit=2").bearer(member).send().json();
    JsonNode first = records.path("items").path(0);
    assertEquals("+441632960000", first.path("caller").asText(), records::toString);
    assertEquals("CC-0", first.path("costCenter").asText(), records::toString);

    JsonNode template = Api.get("/templates/" + templateId).bearer(member).send().json();
    assertEquals(1, template.path("currentVersion").asInt(), template::toString);

    String next = Uploads.create(tenant, "calls-2.csv", calls(100)).path("id").asText();
    JsonNode again = Jobs.awaitFinished(member, next, PARSED);
    assertEquals("COMPLETED", again.path("state").asText(), again::toString);
    assertFalse(again.path("needsMapping").asBoolean(true), again::toString);
    assertEquals(
        templateId, again.path("classification").path("templateMatched").asText(), again::toString);

    // The approved choices rank suggestions for the same headers in this tenant.
    ApiResponse suggested =
        Api.post("/mapping/suggest")
            .bearer(member)
            .json(Map.of("csv", "Cost Center,Talk Seconds\nCC-1,42\nCC-2,7\n"))
            .send();
    assertEquals(200, suggested.status(), suggested::toString);
    JsonNode cost = suggested.json().path("columns").path(0);
    JsonNode learned = null;
    for (JsonNode suggestion : cost.path("suggestions")) {
      if ("costCenter".equals(suggestion.path("field").asText())) {
        learned = suggestion;
      }
    }
    assertTrue(learned != null, cost::toString);
    assertTrue(learned.path("reason").asText().contains("this tenant"), cost::toString);
    assertEquals(
        "durationSeconds",
        suggested.json().path("columns").path(1).path("suggestions").path(0).path("field").asText(),
        suggested::toString);
    JsonNode list = Api.get("/mapping?state=approved").bearer(member).send().json();
    assertEquals(jobId, list.path("items").path(0).path("jobId").asText(), list::toString);
  }

  @Test
  void approvingIntoAnExistingTemplateMakesItsNextVersion() {
    String tenant = Tenants.fresh();
    String templateId = TemplatesIT.published(tenant, "Calls");
    String jobId = waitingJob(tenant);
    assertEquals(200, put(Tokens.of(tenant, "admin"), jobId, mapping()).status());
    assertEquals(200, submit(Tokens.of(tenant, "admin"), jobId).status());

    ApiResponse approved =
        approve(
            Tokens.of(tenant, "owner"),
            jobId,
            Map.of("saveAs", Map.of("templateId", templateId, "publish", true)));
    assertEquals(200, approved.status(), approved::toString);
    assertEquals(
        2, approved.json().path("savedTemplate").path("version").asInt(), approved::toString);
    JsonNode template =
        Api.get("/templates/" + templateId).bearer(Tokens.of(tenant, "viewer")).send().json();
    assertEquals(2, template.path("currentVersion").asInt(), template::toString);
    assertEquals(
        "COMPLETED",
        Jobs.awaitFinished(Tokens.of(tenant, "viewer"), jobId, PARSED).path("state").asText());
  }

  @Test
  void submitNamesTheProblemsOfEachFieldAndApprovalNeedsASubmission() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String jobId = waitingJob(tenant);
    assertEquals(
        200,
        put(
                member,
                jobId,
                Map.of("columns", Map.of("Cost Center", "caller", "Talk Seconds", "answer")))
            .status());

    JsonNode problem = Problems.assertProblem(submit(member, jobId), 422, "mapping_check_failed");
    List<String> codes = new java.util.ArrayList<>();
    problem
        .path("problems")
        .forEach(p -> codes.add(p.path("field").asText() + ":" + p.path("code").asText()));
    assertTrue(codes.contains("start:required_unmapped"), problem::toString);
    assertTrue(codes.contains("caller:unreadable_value"), problem::toString);
    assertTrue(codes.contains("answer:unreadable_value"), problem::toString);
    Problems.assertProblem(
        approve(Tokens.of(tenant, "admin"), jobId, Map.of()), 409, "mapping_not_submitted");
  }

  @Test
  void refusalsNameWhatIsWrongAndTenantsNeverSeeEachOthersJobs() {
    String tenant = Tenants.fresh();
    String jobId = waitingJob(tenant);
    Problems.assertProblem(
        put(
            Tokens.of(tenant, "member"),
            jobId,
            Map.of("columns", Map.of("Cost Center", "costCentre"))),
        422,
        "unknown_field");
    Problems.assertProblem(
        put(Tokens.of(tenant, "member"), jobId, Map.of("columns", Map.of("Nope", "caller"))),
        422,
        "invalid_mapping");
    Problems.assertProblem(put(Tokens.of(tenant, "viewer"), jobId, mapping()), 403, "forbidden");
    assertEquals(200, put(Tokens.of(tenant, "member"), jobId, mapping()).status());
    assertEquals(200, submit(Tokens.of(tenant, "member"), jobId).status());
    Problems.assertProblem(approve(Tokens.of(tenant, "member"), jobId, Map.of()), 403, "forbidden");

    String other = Tenants.fresh();
    Problems.assertProblem(
        Api.get("/mapping/" + jobId).bearer(Tokens.of(other, "admin")).send(),
        404,
        "job_not_found");
    Problems.assertProblem(put(Tokens.of(other, "admin"), jobId, mapping()), 404, "job_not_found");
    assertEquals(
        0,
        Api.get("/mapping").bearer(Tokens.of(other, "viewer")).send().json().path("items").size());

    ApiResponse rejected =
        Api.post("/mapping/" + jobId + "/reject")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("reason", "not a file we take"))
            .send();
    assertEquals(200, rejected.status(), rejected::toString);
    assertEquals("REJECTED", rejected.json().path("state").asText());
    JsonNode failed = Jobs.status(Tokens.of(tenant, "viewer"), jobId);
    assertEquals("FAILED", failed.path("state").asText(), failed::toString);
    Problems.assertProblem(
        put(Tokens.of(tenant, "member"), jobId, mapping()), 409, "job_not_awaiting_mapping");
  }

  @Test
  void aJobWaitingForAMappingCanBeCancelled() {
    String tenant = Tenants.fresh();
    String jobId = waitingJob(tenant);
    ApiResponse cancelled =
        Api.post("/jobs/" + jobId + "/cancel").bearer(Tokens.of(tenant, "member")).send();
    assertEquals(200, cancelled.status(), cancelled::toString);
    assertEquals("CANCELLED", cancelled.json().path("state").asText());
    Problems.assertProblem(
        Api.get("/mapping/" + jobId).bearer(Tokens.of(tenant, "viewer")).send(),
        409,
        "job_not_awaiting_mapping");
  }
}
