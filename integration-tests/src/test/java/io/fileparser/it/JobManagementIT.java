package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Retry ({@code POST /jobs/{id}/retry}), delete ({@code DELETE /jobs/{id}}) and bulk operations
 * ({@code POST /jobs/bulk}, {@code GET /jobs/bulk/operations/{operationId}}) against the deployed
 * server. The IT domain answers bulk requests of up to 3 jobs at once and runs up to 8 as an
 * operation. Tests that need a job to finish start their own worker; the others leave jobs queued.
 */
class JobManagementIT {

  private static final Duration PARSE = Duration.ofSeconds(90);

  // ---- retry

  @Test
  void cancelledJobIsRetriedAsANewAttemptWithItsHistoryKeptAndCompletes() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "retry-cancelled", null);
    assertEquals(200, Api.post("/jobs/" + id + "/cancel").bearer(token).send().status());

    ApiResponse retried =
        Api.post("/jobs/" + id + "/retry").bearer(token).json(Map.of("priority", 8)).send();

    assertEquals(200, retried.status(), retried::toString);
    assertEquals("QUEUED", retried.json().path("state").asText());
    assertEquals(8, retried.json().path("priority").asInt());
    assertEquals(2, retried.json().path("attempts").asInt(), retried::toString);
    try (Workers worker = Workers.start()) {
      JsonNode done = Jobs.awaitFinished(token, id, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    }
    JsonNode history = Jobs.history(token, id);
    History.assertConsecutive(history);
    History.assertInOrder(
        history,
        "RECEIVED>QUEUED queued",
        "QUEUED>CANCELLED parsed",
        "CANCELLED>QUEUED queued",
        "QUEUED>QUEUED dispatched",
        "RUNNING>COMPLETED parsed");
  }

  @Test
  void failedJobIsRetriedAndDispatchedAgain() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (Workers worker = Workers.start()) {
      String id = upload(token, "retry-failed", "{\"simulate\":\"bad_file\"}");
      assertEquals("FAILED", Jobs.awaitFinished(token, id, PARSE).path("state").asText());

      ApiResponse retried = Api.post("/jobs/" + id + "/retry").bearer(token).send();

      assertEquals(200, retried.status(), retried::toString);
      assertEquals("QUEUED", retried.json().path("state").asText());
      assertEquals("BadFile", retried.json().path("error").path("category").asText());
      JsonNode again = awaitAttempt(token, id, 2);
      assertEquals("FAILED", again.path("state").asText(), again::toString);
      // A worker that fails at once may store FAILURE before the server has read STARTED
      // (Celery's result backend keeps a task's last state), so an attempt may go QUEUED>FAILED
      // without RUNNING; what matters is that the failed attempt was queued and dispatched again.
      JsonNode history = Jobs.history(token, id);
      History.assertConsecutive(history);
      History.assertInOrder(
          history, "QUEUED>QUEUED dispatched", "FAILED>QUEUED queued", "QUEUED>QUEUED dispatched");
    }
  }

  @Test
  void deadLetteredJobIsRetriedAsOneMoreAttempt() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (Workers worker = Workers.start()) {
      String id = upload(token, "retry-dead", "{\"simulate\":\"retryable_failure\"}");
      JsonNode dead = Jobs.awaitFinished(token, id, PARSE);
      assertEquals("DEAD_LETTERED", dead.path("state").asText(), dead::toString);
      int attempts = dead.path("attempts").asInt();

      ApiResponse retried =
          Api.post("/jobs/" + id + "/retry")
              .bearer(Tokens.bySubject("carol", tenant, "admin"))
              .json(Map.of())
              .send();

      assertEquals(200, retried.status(), retried::toString);
      assertEquals(attempts + 1, retried.json().path("attempts").asInt(), retried::toString);
      JsonNode again = awaitAttempt(token, id, attempts + 1);
      assertEquals("DEAD_LETTERED", again.path("state").asText(), again::toString);
      History.assertInOrder(Jobs.history(token, id), "DEAD_LETTERED>QUEUED queued");
    }
  }

  @Test
  void onlyAFailedCancelledOrDeadLetteredJobIsRetried() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "retry-queued", null);

    JsonNode problem =
        Problems.assertProblem(
            Api.post("/jobs/" + id + "/retry").bearer(token).send(), 409, "job_not_retryable");

    assertEquals("QUEUED", problem.path("state").asText(), problem::toString);
    assertEquals(1, Jobs.status(token, id).path("attempts").asInt());
  }

  @Test
  void retryRefusesABadPriorityAndATemplateVersionForAJobWithoutTemplate() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "retry-options", null);
    Api.post("/jobs/" + id + "/cancel").bearer(token).send();

    Problems.assertProblem(
        Api.post("/jobs/" + id + "/retry").bearer(token).json(Map.of("priority", 10)).send(),
        400,
        "invalid_request");
    Problems.assertProblem(
        Api.post("/jobs/" + id + "/retry").bearer(token).json(Map.of("templateVersion", 2)).send(),
        400,
        "invalid_request");
    assertEquals("CANCELLED", Jobs.status(token, id).path("state").asText());
  }

  @Test
  void retryFollowsTheCancelRulesAndTenantIsolation() {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String id = upload(alice, "retry-rights", null);
    Api.post("/jobs/" + id + "/cancel").bearer(alice).send();

    Problems.assertProblem(
        Api.post("/jobs/" + id + "/retry").bearer(Tokens.bySubject("bob", tenant, "member")).send(),
        403,
        "forbidden");
    Problems.assertProblem(
        Api.post("/jobs/" + id + "/retry")
            .bearer(Tokens.bySubject("alice", tenant, "viewer"))
            .send(),
        403,
        "forbidden");
    Problems.assertProblem(
        Api.post("/jobs/" + id + "/retry").bearer(Tokens.of(Tenants.fresh(), "admin")).send(),
        404,
        "job_not_found");
    assertEquals("CANCELLED", Jobs.status(alice, id).path("state").asText());

    ApiResponse byOwner =
        Api.post("/jobs/" + id + "/retry").bearer(Tokens.bySubject("olga", tenant, "owner")).send();
    assertEquals(200, byOwner.status(), byOwner::toString);
  }

  // ---- delete

  @Test
  void deletedJobLeavesStatusListHistoryAndStoreAndIsAudited() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] bytes = SampleFiles.csv("delete-" + tenant);
    String id;
    try (Workers worker = Workers.start()) {
      id = upload(token, bytes, null);
      assertEquals("COMPLETED", Jobs.awaitFinished(token, id, PARSE).path("state").asText());
    }
    Path file = FileStore.storedFile(tenant, SampleFiles.sha256(bytes));
    Path results = FileStore.root().resolve("results").resolve(tenant).resolve(id);
    assertTrue(Files.exists(file), "stored before: " + file);
    assertTrue(Files.isDirectory(results), "records before: " + results);

    ApiResponse deleted = Api.delete("/jobs/" + id).bearer(token).send();

    assertEquals(204, deleted.status(), deleted::toString);
    Problems.assertProblem(Api.get("/status/" + id).bearer(token).send(), 404, "job_not_found");
    Problems.assertProblem(
        Api.get("/jobs/" + id + "/history").bearer(token).send(), 404, "job_not_found");
    Problems.assertProblem(
        Api.get("/jobs/" + id + "/result").bearer(token).send(), 404, "job_not_found");
    Problems.assertProblem(Api.delete("/jobs/" + id).bearer(token).send(), 404, "job_not_found");
    assertEquals(0, Api.get("/jobs").bearer(token).send().json().path("items").size());
    assertEquals(0, Database.count("stored_files", tenant));
    awaitTrue(() -> !Files.exists(file), "the file is removed from the store");
    awaitTrue(
        () -> FileStore.tenantFiles(tenant).isEmpty() && !hasFiles(results),
        "the records are removed");
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(
                r ->
                    "job.deleted".equals(r.get("action"))
                        && id.equals(r.get("target_id"))
                        && String.valueOf(r.get("details")).contains("bytes=removed")),
        () -> "audited: " + Database.auditRecords(tenant));
  }

  @Test
  void bytesAnotherJobStillReferencesStayUntilItsLastJobIsDeleted() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] bytes = SampleFiles.csv("shared-" + tenant);
    String first = upload(token, bytes, null);
    String second = upload(token, bytes, null);
    Path file = FileStore.storedFile(tenant, SampleFiles.sha256(bytes));

    assertEquals(204, Api.delete("/jobs/" + first).bearer(token).send().status());

    JsonNode survivor = Jobs.status(token, second);
    assertEquals("QUEUED", survivor.path("state").asText());
    assertTrue(
        survivor.path("duplicateOf").isMissingNode()
            || survivor.path("duplicateOf").isNull()
            || !first.equals(survivor.path("duplicateOf").path("jobId").asText()),
        survivor::toString);
    Jobs.sleep(1500);
    assertTrue(Files.exists(file), "still referenced by the second job");
    assertEquals(1, Database.count("stored_files", tenant));

    assertEquals(204, Api.delete("/jobs/" + second).bearer(token).send().status());
    awaitTrue(() -> !Files.exists(file), "removed with its last job");
    assertEquals(0, Database.count("stored_files", tenant));
  }

  @Test
  void theSameBytesUploadedAfterADeleteAreStoredAgainAndParsed() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] bytes = SampleFiles.csv("again-" + tenant);
    Path file = FileStore.storedFile(tenant, SampleFiles.sha256(bytes));
    String first = upload(token, bytes, null);
    assertEquals(204, Api.delete("/jobs/" + first).bearer(token).send().status());
    awaitTrue(() -> !Files.exists(file), "removed");

    String second = upload(token, bytes, null);

    assertTrue(Files.exists(file), "stored again");
    try (Workers worker = Workers.start()) {
      assertEquals("COMPLETED", Jobs.awaitFinished(token, second, PARSE).path("state").asText());
    }
  }

  @Test
  void deletingAJobThatHasNotFinishedCancelsItFirstAndSubscribersHearBoth() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "delete-queued", null);
    awaitTrue(
        () ->
            History.lines(Jobs.history(token, id)).stream().anyMatch(l -> l.endsWith("dispatched")),
        "the relay has sent the job");
    int seq = lastSeq(token, id);
    CompletableFuture<EventSourceClient.Stream> heard =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return EventSourceClient.read(
                    TestEnvironment.apiUri("/progress"),
                    token,
                    id + ":" + seq,
                    2,
                    Duration.ofSeconds(20));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Jobs.sleep(1500);

    assertEquals(204, Api.delete("/jobs/" + id).bearer(token).send().status());

    List<String> types = new ArrayList<>();
    for (EventSourceClient.Event event : heard.get(30, TimeUnit.SECONDS).events()) {
      types.add(ApiResponse.JSON.readTree(event.data()).path("type").asText());
    }
    assertEquals(List.of("job.cancelled", "job.deleted"), types);
    Problems.assertProblem(Api.get("/status/" + id).bearer(token).send(), 404, "job_not_found");
  }

  @Test
  void deleteFollowsTheCancelRulesAndTenantIsolation() {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String id = upload(alice, "delete-rights", null);

    Problems.assertProblem(
        Api.delete("/jobs/" + id).bearer(Tokens.bySubject("bob", tenant, "member")).send(),
        403,
        "forbidden");
    Problems.assertProblem(
        Api.delete("/jobs/" + id).bearer(Tokens.bySubject("alice", tenant, "viewer")).send(),
        403,
        "forbidden");
    Problems.assertProblem(
        Api.delete("/jobs/" + id).bearer(Tokens.of(Tenants.fresh(), "owner")).send(),
        404,
        "job_not_found");
    assertEquals("QUEUED", Jobs.status(alice, id).path("state").asText());

    assertEquals(
        204,
        Api.delete("/jobs/" + id)
            .bearer(Tokens.bySubject("carol", tenant, "admin"))
            .send()
            .status());
  }

  // ---- bulk, answered at once

  @Test
  void bulkCancelAnswersEachJobsOutcome() {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String queued = upload(alice, "bulk-c1", null);
    String cancelled = upload(alice, "bulk-c2", null);
    Api.post("/jobs/" + cancelled + "/cancel").bearer(alice).send();
    String bobs = upload(Tokens.bySubject("bob", tenant, "member"), "bulk-c3", null);
    String unknown = UUID.randomUUID().toString();

    ApiResponse response =
        bulk(alice, Map.of("action", "cancel", "jobIds", List.of(queued, cancelled, bobs)));
    ApiResponse withUnknown = bulk(alice, Map.of("action", "cancel", "jobIds", List.of(unknown)));

    assertEquals(200, response.status(), response::toString);
    JsonNode result = response.json();
    assertEquals(3, result.path("total").asInt());
    assertEquals(1, result.path("done").asInt(), result::toString);
    assertEquals(1, result.path("skipped").asInt());
    assertEquals(1, result.path("failed").asInt());
    Map<String, JsonNode> items = byJob(result);
    assertEquals("done", items.get(queued).path("outcome").asText());
    assertEquals("CANCELLED", items.get(queued).path("state").asText());
    assertEquals("skipped", items.get(cancelled).path("outcome").asText());
    assertEquals("already_cancelled", items.get(cancelled).path("reason").asText());
    assertEquals("failed", items.get(bobs).path("outcome").asText());
    assertEquals("forbidden", items.get(bobs).path("problem").path("code").asText());
    assertEquals(
        "job_not_found",
        withUnknown.json().path("items").get(0).path("problem").path("code").asText());
    assertEquals("QUEUED", Jobs.status(alice, bobs).path("state").asText());
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(
                r ->
                    "jobs.bulk.cancel".equals(r.get("action"))
                        && String.valueOf(r.get("details")).contains("done=1 skipped=1 failed=1")),
        () -> "one audit record with the counts: " + Database.auditRecords(tenant));
  }

  @Test
  void bulkRetryByFilterRetriesTheCancelledJobsOnly() {
    String tenant = Tenants.fresh();
    String admin = Tokens.bySubject("carol", tenant, "admin");
    String token = Tokens.of(tenant, "member");
    String a = upload(token, "bulk-r1", null);
    String b = upload(token, "bulk-r2", null);
    String untouched = upload(token, "bulk-r3", null);
    Api.post("/jobs/" + a + "/cancel").bearer(token).send();
    Api.post("/jobs/" + b + "/cancel").bearer(token).send();

    ApiResponse response =
        bulk(
            admin,
            Map.of(
                "action", "retry", "filter", Map.of("state", List.of("cancelled")), "priority", 2));

    assertEquals(200, response.status(), response::toString);
    assertEquals(2, response.json().path("done").asInt(), response::toString);
    for (String id : List.of(a, b)) {
      JsonNode job = Jobs.status(token, id);
      assertEquals("QUEUED", job.path("state").asText());
      assertEquals(2, job.path("priority").asInt());
      assertEquals(2, job.path("attempts").asInt());
    }
    assertEquals(1, Jobs.status(token, untouched).path("attempts").asInt());
  }

  @Test
  void bulkDryRunReportsAndChangesNothingThenDeleteDeletes() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String a = upload(token, "bulk-d1", null);
    String b = upload(token, "bulk-d2", null);

    ApiResponse dry =
        bulk(token, Map.of("action", "delete", "jobIds", List.of(a, b), "dryRun", true));

    assertEquals(200, dry.status(), dry::toString);
    assertTrue(dry.json().path("dryRun").asBoolean());
    assertEquals(2, dry.json().path("done").asInt(), dry::toString);
    assertEquals("QUEUED", Jobs.status(token, a).path("state").asText());
    assertEquals("QUEUED", Jobs.status(token, b).path("state").asText());

    ApiResponse real = bulk(token, Map.of("action", "delete", "jobIds", List.of(a, b)));

    assertEquals(2, real.json().path("done").asInt(), real::toString);
    Problems.assertProblem(Api.get("/status/" + a).bearer(token).send(), 404, "job_not_found");
    Problems.assertProblem(Api.get("/status/" + b).bearer(token).send(), 404, "job_not_found");
    assertEquals(0, Database.count("jobs", tenant));
  }

  @Test
  void bulkReprioritizeRequeuesQueuedJobsAtTheNewPriority() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String queued = upload(token, "bulk-p1", null);
    String cancelled = upload(token, "bulk-p2", null);
    Api.post("/jobs/" + cancelled + "/cancel").bearer(token).send();

    ApiResponse response =
        bulk(
            token,
            Map.of("action", "reprioritize", "jobIds", List.of(queued, cancelled), "priority", 9));

    Map<String, JsonNode> items = byJob(response.json());
    assertEquals("done", items.get(queued).path("outcome").asText(), response::toString);
    assertEquals("not_queued", items.get(cancelled).path("reason").asText());
    JsonNode job = Jobs.status(token, queued);
    assertEquals(9, job.path("priority").asInt());
    assertEquals("QUEUED", job.path("state").asText());
    ApiResponse same =
        bulk(token, Map.of("action", "reprioritize", "jobIds", List.of(queued), "priority", 9));
    assertEquals("same_priority", same.json().path("items").get(0).path("reason").asText());
  }

  @Test
  void bulkRequestsThatDoNotSayWhatToDoAreRefused() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "bulk-bad", null);

    Problems.assertProblem(
        bulk(token, Map.of("action", "purge", "jobIds", List.of(id))), 400, "invalid_request");
    Problems.assertProblem(bulk(token, Map.of("action", "cancel")), 400, "invalid_request");
    Problems.assertProblem(
        bulk(token, Map.of("action", "cancel", "jobIds", List.of())), 400, "invalid_request");
    Problems.assertProblem(
        bulk(token, Map.of("action", "reprioritize", "jobIds", List.of(id))),
        400,
        "invalid_request");
    Problems.assertProblem(
        bulk(token, Map.of("action", "cancel", "filter", Map.of("state", List.of("NOPE")))),
        400,
        "invalid_request");
    List<String> oneTooMany = new ArrayList<>();
    for (int i = 0; i <= TestEnvironment.bulkMaxItems(); i++) {
      oneTooMany.add(UUID.randomUUID().toString());
    }
    JsonNode tooMany =
        Problems.assertProblem(
            bulk(token, Map.of("action", "cancel", "jobIds", oneTooMany)),
            422,
            "bulk_limit_exceeded");
    assertEquals(TestEnvironment.bulkMaxItems(), tooMany.path("maxItems").asInt());
    assertEquals("QUEUED", Jobs.status(token, id).path("state").asText());
  }

  @Test
  void bulkFollowsRolesAndTenants() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "bulk-rights", null);

    Problems.assertProblem(
        bulk(Tokens.of(tenant, "viewer"), Map.of("action", "cancel", "jobIds", List.of(id))),
        403,
        "forbidden");
    ApiResponse stranger =
        bulk(
            Tokens.of(Tenants.fresh(), "admin"), Map.of("action", "cancel", "jobIds", List.of(id)));
    assertEquals(200, stranger.status(), stranger::toString);
    assertEquals(
        "job_not_found",
        stranger.json().path("items").get(0).path("problem").path("code").asText());
    ApiResponse byFilter =
        bulk(Tokens.of(Tenants.fresh(), "admin"), Map.of("action", "cancel", "filter", Map.of()));
    assertEquals(0, byFilter.json().path("total").asInt(), byFilter::toString);
    assertEquals("QUEUED", Jobs.status(token, id).path("state").asText());
  }

  // ---- bulk, run as an operation

  @Test
  void aLargeBulkRunsAsAnOperationWithProgressAndPagedItems() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(upload(token, "bulk-async-" + i, null));
    }
    Api.post("/jobs/" + ids.get(0) + "/cancel").bearer(token).send();

    ApiResponse started;
    List<JsonNode> readings = new ArrayList<>();
    try (EventSocket mine = EventSocket.bearer(Tokens.of(tenant, "viewer"));
        EventSocket stranger = EventSocket.bearer(Tokens.of(Tenants.fresh(), "admin"))) {
      mine.subscribeTenant("tenant");
      stranger.subscribeTenant("tenant");
      started = bulk(token, Map.of("action", "cancel", "jobIds", ids));
      String operationId = started.json().path("operationId").asText();
      JsonNode reading;
      do {
        reading =
            mine.next(
                m ->
                    "bulk.progress".equals(m.path("type").asText())
                        && operationId.equals(m.path("operationId").asText()),
                Duration.ofSeconds(30));
        readings.add(reading);
      } while (!"COMPLETED".equals(reading.path("data").path("state").asText()));
      assertTrue(
          stranger.drain(Duration.ofSeconds(1)).stream()
              .noneMatch(m -> "bulk.progress".equals(m.path("type").asText())),
          "another tenant hears no reading");
    }
    JsonNode lastReading = readings.get(readings.size() - 1).path("data");
    assertEquals("cancel", lastReading.path("action").asText(), readings::toString);
    assertEquals(5, lastReading.path("total").asInt(), readings::toString);
    assertEquals(4, lastReading.path("done").asInt(), readings::toString);
    assertEquals(1, lastReading.path("skipped").asInt(), readings::toString);
    assertEquals(100, lastReading.path("percent").asInt(), readings::toString);
    assertEquals(tenant, readings.get(0).path("tenantId").asText());

    assertEquals(202, started.status(), started::toString);
    String location = started.header("Location").orElseThrow();
    String operationId = started.json().path("operationId").asText();
    assertTrue(location.endsWith("/jobs/bulk/operations/" + operationId), location);
    assertEquals(5, started.json().path("total").asInt());
    JsonNode finished = awaitOperation(token, operationId);
    assertEquals(4, finished.path("done").asInt(), finished::toString);
    assertEquals(1, finished.path("skipped").asInt(), finished::toString);
    assertFalse(finished.path("finishedAt").isNull());
    for (String id : ids) {
      assertEquals("CANCELLED", Jobs.status(token, id).path("state").asText());
    }
    JsonNode page = operation(token, operationId, "?limit=2").json();
    assertEquals(2, page.path("items").size());
    assertEquals(ids.get(0), page.path("items").get(0).path("jobId").asText());
    assertEquals("already_cancelled", page.path("items").get(0).path("reason").asText());
    JsonNode last =
        operation(token, operationId, "?limit=2&afterPosition=" + page.path("next").asInt()).json();
    assertEquals(ids.get(2), last.path("items").get(0).path("jobId").asText());
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(
                r ->
                    "jobs.bulk.cancel".equals(r.get("action"))
                        && operationId.equals(r.get("target_id"))
                        && String.valueOf(r.get("details")).contains("done=4 skipped=1 failed=0")),
        () -> "audited with its counts: " + Database.auditRecords(tenant));
  }

  @Test
  void aLargeDryRunChangesNothingAndAnotherTenantCannotSeeTheOperation() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    for (int i = 0; i < 4; i++) {
      upload(token, "bulk-async-dry-" + i, null);
    }

    ApiResponse started =
        bulk(token, Map.of("action", "delete", "filter", Map.of(), "dryRun", true));

    assertEquals(202, started.status(), started::toString);
    String operationId = started.json().path("operationId").asText();
    JsonNode finished = awaitOperation(token, operationId);
    assertEquals(4, finished.path("done").asInt(), finished::toString);
    assertEquals(4, Database.count("jobs", tenant));
    assertEquals(200, operation(Tokens.of(tenant, "viewer"), operationId, "").status());
    Problems.assertProblem(
        operation(Tokens.of(Tenants.fresh(), "admin"), operationId, ""),
        404,
        "bulk_operation_not_found");
    Problems.assertProblem(
        operation(token, UUID.randomUUID().toString(), ""), 404, "bulk_operation_not_found");
  }

  // ---- helpers

  private static String upload(String token, String variant, String metadata) {
    return upload(token, SampleFiles.csv(variant + UUID.randomUUID()), metadata);
  }

  private static String upload(String token, byte[] bytes, String metadata) {
    Multipart form = Multipart.file("work.csv", bytes);
    if (metadata != null) {
      form = form.field("metadata", metadata);
    }
    return Uploads.created(Uploads.multipart(token, form)).path("id").asText();
  }

  private static ApiResponse bulk(String token, Map<String, ?> body) {
    return Api.post("/jobs/bulk").bearer(token).json(body).send();
  }

  private static ApiResponse operation(String token, String operationId, String query) {
    return Api.get("/jobs/bulk/operations/" + operationId + query).bearer(token).send();
  }

  private static JsonNode awaitOperation(String token, String operationId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      ApiResponse response = operation(token, operationId, "");
      assertEquals(200, response.status(), response::toString);
      if ("COMPLETED".equals(response.json().path("state").asText())) {
        return response.json();
      }
      assertTrue(System.nanoTime() < deadline, () -> "still running: " + response);
      Jobs.sleep(200);
    }
  }

  private static JsonNode awaitAttempt(String token, String id, int attempt) {
    long deadline = System.nanoTime() + PARSE.toNanos();
    while (true) {
      JsonNode job = Jobs.status(token, id);
      String state = job.path("state").asText();
      if (job.path("attempts").asInt() >= attempt
          && !state.equals("QUEUED")
          && !state.equals("RUNNING")) {
        return job;
      }
      assertTrue(System.nanoTime() < deadline, () -> "not finished again: " + job);
      Jobs.sleep(250);
    }
  }

  private static int lastSeq(String token, String id) {
    JsonNode entries = Jobs.history(token, id);
    return entries.get(entries.size() - 1).path("seq").asInt();
  }

  private static Map<String, JsonNode> byJob(JsonNode result) {
    Map<String, JsonNode> items = new LinkedHashMap<>();
    result.path("items").forEach(item -> items.put(item.path("jobId").asText(), item));
    return items;
  }

  private static boolean hasFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.walk(dir)) {
      return files.anyMatch(Files::isRegularFile);
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out: " + what);
      Jobs.sleep(200);
    }
  }
}
