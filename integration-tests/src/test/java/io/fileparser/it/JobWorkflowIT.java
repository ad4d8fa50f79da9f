package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dependencies ({@code dependsOn}, {@code onDependencyFailure}) and scheduling ({@code scheduleAt},
 * {@code PUT /jobs/{id}/schedule}) against the deployed server. A dependency is held in the queue
 * by starting no worker until the dependent exists; tests that need a job to run start their own.
 */
class JobWorkflowIT {

  private static final Duration PARSE = Duration.ofSeconds(90);

  // ---- dependencies

  @Test
  void aDependentWaitsUntilItsDependencyCompletesThenRuns() {
    String token = Tokens.of(Tenants.fresh(), "member");
    String first = upload(token, "dep-first", Map.of());
    String second = upload(token, "dep-second", Map.of("dependsOn", first));

    JsonNode waiting = Jobs.status(token, second);
    assertEquals("WAITING", waiting.path("state").asText(), waiting::toString);
    assertEquals(first, waiting.path("dependsOn").get(0).path("jobId").asText());
    assertTrue(waiting.path("dependsOn").get(0).path("outcome").isMissingNode(), waiting::toString);
    assertEquals("fail", waiting.path("onDependencyFailure").asText());

    try (Workers worker = Workers.start()) {
      JsonNode done = Jobs.awaitFinished(token, second, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      JsonNode dependency = Jobs.status(token, first);
      assertEquals("COMPLETED", dependency.path("state").asText());
      assertEquals("COMPLETED", done.path("dependsOn").get(0).path("outcome").asText());
      assertFalse(
          Instant.parse(done.path("queuedAt").asText())
              .isBefore(Instant.parse(dependency.path("finishedAt").asText())),
          "the dependent entered the queue after its dependency finished: " + done);
    }
    History.assertInOrder(
        Jobs.history(token, second),
        "RECEIVED>WAITING waiting",
        "WAITING>QUEUED queued",
        "RUNNING>COMPLETED parsed");
  }

  @Test
  void aDependencyThatFailsInTheWorkerFailsItsDependentsAndTheirs() {
    String token = Tokens.of(Tenants.fresh(), "member");
    String bad = upload(token, "dep-bad", Map.of("metadata", "{\"simulate\":\"bad_file\"}"));
    String dependent = upload(token, "dep-on-bad", Map.of("dependsOn", bad));
    String chained = upload(token, "dep-chained", Map.of("dependsOn", dependent));
    assertEquals("WAITING", Jobs.status(token, chained).path("state").asText());

    try (Workers worker = Workers.start()) {
      assertEquals("FAILED", Jobs.awaitFinished(token, bad, PARSE).path("state").asText());
      JsonNode failed = Jobs.awaitFinished(token, dependent, Duration.ofSeconds(10));
      assertEquals("FAILED", failed.path("state").asText(), failed::toString);
      assertEquals("dependency_failed", failed.path("error").path("category").asText());
      assertTrue(failed.path("error").path("message").asText().contains(bad), failed::toString);
      assertEquals(0, failed.path("attempts").asInt(), "never dispatched");
      JsonNode alsoFailed = Jobs.awaitFinished(token, chained, Duration.ofSeconds(10));
      assertEquals("dependency_failed", alsoFailed.path("error").path("category").asText());
    }
  }

  @Test
  void aCancelledDependencyFailsAFailPolicyDependentAndReleasesAContinuePolicyOne() {
    String token = Tokens.of(Tenants.fresh(), "member");
    String dependency = upload(token, "dep-cancelled", Map.of());
    String failing = upload(token, "dep-fail", Map.of("dependsOn", dependency));
    String going =
        upload(
            token,
            "dep-continue",
            Map.of("dependsOn", dependency, "onDependencyFailure", "continue"));

    ApiResponse cancelled = Api.post("/jobs/" + dependency + "/cancel").bearer(token).send();
    assertEquals(200, cancelled.status(), cancelled::toString);

    JsonNode failed = Jobs.status(token, failing);
    assertEquals("FAILED", failed.path("state").asText(), failed::toString);
    assertEquals("dependency_failed", failed.path("error").path("category").asText());
    assertEquals("CANCELLED", failed.path("dependsOn").get(0).path("outcome").asText());
    JsonNode released = Jobs.status(token, going);
    assertEquals("QUEUED", released.path("state").asText(), released::toString);
    assertEquals("continue", released.path("onDependencyFailure").asText());
    History.assertInOrder(
        Jobs.history(token, going), "RECEIVED>WAITING waiting", "WAITING>QUEUED queued");
  }

  @Test
  void aDeletedDependencyCountsAsNotCompleted() {
    String token = Tokens.of(Tenants.fresh(), "member");
    String dependency = upload(token, "dep-deleted", Map.of());
    String dependent = upload(token, "dep-on-deleted", Map.of("dependsOn", dependency));

    assertEquals(204, Api.delete("/jobs/" + dependency).bearer(token).send().status());

    JsonNode failed = Jobs.status(token, dependent);
    assertEquals("FAILED", failed.path("state").asText(), failed::toString);
    assertEquals("dependency_failed", failed.path("error").path("category").asText());
  }

  @Test
  void aDependencyFinishedAlreadyDecidesAtOnce() {
    String token = Tokens.of(Tenants.fresh(), "member");
    String dependency = upload(token, "dep-done-before", Map.of());
    assertEquals(200, Api.post("/jobs/" + dependency + "/cancel").bearer(token).send().status());

    JsonNode failed =
        Uploads.created(
            Uploads.multipart(token, form("dep-after", Map.of("dependsOn", dependency))));
    assertEquals("FAILED", failed.path("state").asText(), failed::toString);

    JsonNode going =
        Uploads.created(
            Uploads.multipart(
                token,
                form(
                    "dep-after-continue",
                    Map.of("dependsOn", dependency, "onDependencyFailure", "continue"))));
    assertEquals("QUEUED", going.path("state").asText(), going::toString);
  }

  @Test
  void unknownAndOtherTenantsDependenciesAreRefusedAlikeAndNothingIsStored() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String foreign = upload(Tokens.of(Tenants.fresh(), "member"), "dep-foreign", Map.of());
    String unknown = UUID.randomUUID().toString();

    JsonNode forForeign =
        Problems.assertProblem(
            Uploads.multipart(token, form("dep-x", Map.of("dependsOn", foreign))),
            422,
            "dependency_not_found");
    JsonNode forUnknown =
        Problems.assertProblem(
            Uploads.multipart(token, form("dep-y", Map.of("dependsOn", unknown))),
            422,
            "dependency_not_found");
    assertEquals(
        forUnknown.path("detail").asText().replace(unknown, "ID"),
        forForeign.path("detail").asText().replace(foreign, "ID"),
        "another tenant's job is answered like one that does not exist");
    Problems.assertProblem(
        Api.post("/upload?dependsOn=" + foreign)
            .bearer(token)
            .header("Content-Disposition", "attachment; filename=\"raw.csv\"")
            .body("text/csv", SampleFiles.csv("raw-" + UUID.randomUUID()))
            .send(),
        422,
        "dependency_not_found");
    Problems.assertProblem(
        Uploads.multipart(token, form("dep-z", Map.of("dependsOn", "not-a-job"))),
        400,
        "invalid_request");
    Problems.assertProblem(
        Uploads.multipart(token, form("dep-w", Map.of("onDependencyFailure", "continue"))),
        400,
        "invalid_request");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      many.add(UUID.randomUUID().toString());
    }
    Problems.assertProblem(
        Uploads.multipart(token, form("dep-many", Map.of("dependsOn", String.join(",", many)))),
        422,
        "too_many_dependencies");

    ApiResponse list = Api.get("/jobs").bearer(token).send();
    assertEquals(0, list.json().path("items").size(), "nothing was stored: " + list);
  }

  // ---- scheduling

  @Test
  void aScheduledJobRunsAfterItsInstantAndNotBefore() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    try (Workers worker = Workers.start()) {
      Instant at = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
      String id = upload(token, "scheduled", Map.of("scheduleAt", at.toString()));

      JsonNode scheduled = Jobs.status(token, id);
      assertEquals("SCHEDULED", scheduled.path("state").asText(), scheduled::toString);
      assertEquals(at, Instant.parse(scheduled.path("scheduleAt").asText()));
      Jobs.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis() - 1500));
      assertEquals("SCHEDULED", Jobs.status(token, id).path("state").asText(), "not before");

      JsonNode done = Jobs.awaitFinished(token, id, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      assertFalse(Instant.parse(done.path("queuedAt").asText()).isBefore(at), done::toString);
      assertFalse(Instant.parse(done.path("startedAt").asText()).isBefore(at), done::toString);

      List<String> types = eventTypes(token, id);
      assertTrue(
          types.containsAll(List.of("job.scheduled", "job.released", "job.completed")),
          types::toString);
      History.assertConsecutive(Jobs.history(token, id));
    }
  }

  @Test
  void aScheduledJobIsRescheduledLaterOrToNow() {
    String token = Tokens.of(Tenants.fresh(), "member");
    Instant inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String id = upload(token, "resched", Map.of("scheduleAt", inAnHour.toString()));

    Instant inTwo = inAnHour.plus(1, ChronoUnit.HOURS);
    ApiResponse later = reschedule(token, id, inTwo.toString());
    assertEquals(200, later.status(), later::toString);
    assertEquals("SCHEDULED", later.json().path("state").asText());
    assertEquals(inTwo, Instant.parse(later.json().path("scheduleAt").asText()));

    ApiResponse listed = Api.get("/jobs?state=SCHEDULED").bearer(token).send();
    assertEquals(1, listed.json().path("items").size(), listed::toString);
    assertEquals(id, listed.json().path("items").get(0).path("id").asText());

    Problems.assertProblem(
        reschedule(token, id, Instant.now().plus(400, ChronoUnit.DAYS).toString()),
        422,
        "schedule_too_far");
    ApiResponse garbled = reschedule(token, id, "tomorrow");
    assertEquals(400, garbled.status(), garbled::toString);
    assertTrue(garbled.contentType().startsWith("application/problem+json"), garbled::toString);

    ApiResponse now = reschedule(token, id, "2020-01-01T00:00:00Z");
    assertEquals(200, now.status(), now::toString);
    assertEquals("QUEUED", now.json().path("state").asText(), "a past instant means now");
    Problems.assertProblem(reschedule(token, id, inTwo.toString()), 409, "job_not_held");
  }

  @Test
  void aScheduledJobIsCancelledAndAWaitingOneDeleted() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    String scheduled =
        upload(
            token, "sched-cancel", Map.of("scheduleAt", Instant.now().plusSeconds(3).toString()));

    ApiResponse cancelled = Api.post("/jobs/" + scheduled + "/cancel").bearer(token).send();
    assertEquals(200, cancelled.status(), cancelled::toString);
    assertEquals("CANCELLED", cancelled.json().path("state").asText());
    Jobs.sleep(4500);
    assertEquals("CANCELLED", Jobs.status(token, scheduled).path("state").asText(), "never fired");
    assertEquals(
        List.of("job.created", "job.scheduled", "job.cancelled"),
        eventTypes(token, scheduled).stream()
            .filter(t -> !t.equals("job.step_changed") && !t.equals("job.scanned"))
            .toList());

    String dependency = upload(token, "del-dep", Map.of());
    String waiting = upload(token, "del-waiting", Map.of("dependsOn", dependency));
    assertEquals(204, Api.delete("/jobs/" + waiting).bearer(token).send().status());
    assertEquals(404, Api.get("/status/" + waiting).bearer(token).send().status());
    assertEquals("QUEUED", Jobs.status(token, dependency).path("state").asText());
  }

  @Test
  void aScheduleTooFarAheadIsRefusedAtUploadAndAPastOneQueuesAtOnce() {
    String token = Tokens.of(Tenants.fresh(), "member");
    Problems.assertProblem(
        Uploads.multipart(
            token,
            form(
                "too-far",
                Map.of("scheduleAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()))),
        422,
        "schedule_too_far");
    Problems.assertProblem(
        Uploads.multipart(token, form("no-offset", Map.of("scheduleAt", "2026-12-01T08:00:00"))),
        400,
        "invalid_request");

    JsonNode past =
        Uploads.created(
            Uploads.multipart(token, form("past", Map.of("scheduleAt", "2020-01-01T00:00:00Z"))));
    assertEquals("QUEUED", past.path("state").asText(), past::toString);
  }

  // ---- authorization and tenant isolation

  @Test
  void onlyTheSubmitterOrAnAdminOfTheTenantReschedules() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String later = Instant.now().plus(2, ChronoUnit.HOURS).toString();
    String id =
        upload(
            token,
            "auth",
            Map.of("scheduleAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()));

    Problems.assertProblem(
        reschedule(Tokens.of(Tenants.fresh(), "admin"), id, later), 404, "job_not_found");
    Problems.assertProblem(
        reschedule(Tokens.bySubject("someone-else", tenant, "member"), id, later),
        403,
        "forbidden");
    Problems.assertProblem(reschedule(Tokens.of(tenant, "viewer"), id, later), 403, "forbidden");
    assertEquals(200, reschedule(Tokens.bySubject("boss", tenant, "admin"), id, later).status());
    assertEquals(
        404, Api.get("/status/" + id).bearer(Tokens.of(Tenants.fresh(), "admin")).send().status());
  }

  private static ApiResponse reschedule(String token, String id, String at) {
    return Api.call("PUT", TestEnvironment.apiUri("/jobs/" + id + "/schedule"))
        .bearer(token)
        .json(Map.of("scheduleAt", at))
        .send();
  }

  private static String upload(String token, String variant, Map<String, String> fields) {
    return Uploads.created(Uploads.multipart(token, form(variant, fields))).path("id").asText();
  }

  private static Multipart form(String variant, Map<String, String> fields) {
    Multipart form = Multipart.file("work.csv", SampleFiles.csv(variant + UUID.randomUUID()));
    for (Map.Entry<String, String> field : fields.entrySet()) {
      form = form.field(field.getKey(), field.getValue());
    }
    return form;
  }

  /** The types of the job's events, replayed from the start over SSE (the job has finished). */
  private static List<String> eventTypes(String token, String id) throws Exception {
    EventSourceClient.Stream stream =
        EventSourceClient.read(
            TestEnvironment.apiUri("/progress/" + id), token, null, 1000, Duration.ofSeconds(20));
    List<String> types = new ArrayList<>();
    for (EventSourceClient.Event event : stream.events()) {
      types.add(ApiResponse.JSON.readTree(event.data()).path("type").asText());
    }
    return types;
  }
}
