package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/queue} against the deployed server: the queue's figures per scope, dispatch paused
 * and resumed for a tenant with a real worker taking other tenants' work meanwhile, and the
 * dead-letter queue listed, re-queued to completion and purged. A global pause would hold every
 * other test of the run, so it is proved at the component level ({@code DispatchPausesTest}) and
 * here only refused to a tenant's admin.
 */
class AdminQueueIT {

  private static final Duration PARSE = Duration.ofSeconds(90);

  @Test
  void pausingATenantHoldsItsJobsQueuedWhileOthersRunAndResumingDrainsThem() {
    String paused = Tenants.fresh();
    String other = Tenants.fresh();
    String admin = Tokens.of(paused, "admin");
    String member = Tokens.of(paused, "member");
    try (Workers worker = Workers.start()) {
      ApiResponse pause = pause(admin, Map.of("scope", "tenant"));
      assertEquals(200, pause.status(), pause::toString);
      assertTrue(pause.json().path("changed").asBoolean(), pause::toString);
      String held = upload(member, "held", null);
      String runs = upload(Tokens.of(other, "member"), "runs", null);

      JsonNode done = Jobs.awaitFinished(Tokens.of(other, "member"), runs, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      Jobs.sleep(3000);
      JsonNode waiting = Jobs.status(member, held);
      assertEquals("QUEUED", waiting.path("state").asText(), waiting::toString);
      assertFalse(
          History.lines(Jobs.history(member, held)).stream()
              .anyMatch(l -> l.endsWith("dispatched")),
          "a paused tenant's job is not dispatched");
      JsonNode status = queue(admin, "");
      assertTrue(status.path("pausedForTenant").asBoolean(), status::toString);
      assertEquals(1, waiting(status), status::toString);
      assertTrue(status.path("oldestWaitingSeconds").asLong() >= 3, status::toString);

      ApiResponse resume = resume(admin, Map.of("scope", "tenant"));
      assertEquals(200, resume.status(), resume::toString);
      assertTrue(resume.json().path("changed").asBoolean(), resume::toString);

      JsonNode drained = Jobs.awaitFinished(member, held, PARSE);
      assertEquals("COMPLETED", drained.path("state").asText(), drained::toString);
      assertFalse(queue(admin, "").path("pausedForTenant").asBoolean());
    } finally {
      resume(admin, Map.of("scope", "tenant"));
    }
    List<String> actions = new ArrayList<>();
    Database.auditRecords(paused).forEach(r -> actions.add((String) r.get("action")));
    assertTrue(
        actions.containsAll(List.of("dispatch.paused", "dispatch.resumed")), actions::toString);
  }

  @Test
  void uploadsAreAcceptedWhilePausedAndPausingTwiceChangesNothing() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "owner");
    try {
      assertTrue(pause(admin, Map.of("scope", "tenant")).json().path("changed").asBoolean());
      ApiResponse again = pause(admin, Map.of("scope", "tenant"));
      assertEquals(200, again.status(), again::toString);
      assertFalse(again.json().path("changed").asBoolean(), again::toString);

      String id = upload(Tokens.of(tenant, "member"), "accepted", null);

      assertEquals("QUEUED", Jobs.status(admin, id).path("state").asText());
    } finally {
      resume(admin, Map.of("scope", "tenant"));
    }
  }

  @Test
  void theOperatorPausesAndResumesANamedTenantAndSeesEveryTenant() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    upload(member, "sent", null); // no worker runs: it stays with the broker
    String operator = Tokens.operator();
    try {
      ApiResponse pause = pause(operator, Map.of("scope", "tenant", "tenantId", tenant));
      assertEquals(200, pause.status(), pause::toString);
      assertEquals(tenant, pause.json().path("tenantId").asText());
      upload(member, "held", null);

      JsonNode all = queue(operator, "");
      assertTrue(absent(all.path("tenantId")), all::toString);
      assertTrue(all.path("broker").isArray(), () -> "the operator sees the broker: " + all);
      assertEquals(10, all.path("bands").size(), all::toString);
      JsonNode one = queue(operator, "?tenantId=" + tenant);
      assertEquals(tenant, one.path("tenantId").asText());
      assertTrue(one.path("pausedForTenant").asBoolean(), one::toString);
      assertEquals(1, waiting(one), one::toString);
      assertEquals(1, one.path("inFlight").get(0).path("dispatched").asInt(), one::toString);
    } finally {
      ApiResponse resume = resume(operator, Map.of("scope", "tenant", "tenantId", tenant));
      assertEquals(200, resume.status(), resume::toString);
    }
  }

  @Test
  void aTenantsAdminSeesOnlyTheirTenantAndCannotPauseGlobally() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");

    JsonNode own = queue(admin, "");
    assertEquals(tenant, own.path("tenantId").asText());
    assertTrue(absent(own.path("broker")), own::toString);
    own.path("inFlight").forEach(t -> assertEquals(tenant, t.path("tenantId").asText()));
    Problems.assertProblem(
        Api.get("/admin/queue?tenantId=" + Tenants.fresh()).bearer(admin).send(), 403, "forbidden");
    Problems.assertProblem(
        Api.get("/admin/queue/dead-letters?tenantId=" + Tenants.fresh()).bearer(admin).send(),
        403,
        "forbidden");
    Problems.assertProblem(pause(admin, Map.of("scope", "global")), 403, "forbidden");
    Problems.assertProblem(resume(admin, Map.of("scope", "global")), 403, "forbidden");
    Problems.assertProblem(
        pause(admin, Map.of("scope", "tenant", "tenantId", Tenants.fresh())), 403, "forbidden");
  }

  @Test
  void viewersMembersAndServiceCallersAreRefused() {
    String tenant = Tenants.fresh();
    for (String role : List.of("viewer", "member", "service")) {
      String token = Tokens.of(tenant, role);
      Problems.assertProblem(Api.get("/admin/queue").bearer(token).send(), 403, "forbidden");
      Problems.assertProblem(pause(token, Map.of("scope", "tenant")), 403, "forbidden");
      Problems.assertProblem(
          Api.get("/admin/queue/dead-letters").bearer(token).send(), 403, "forbidden");
      Problems.assertProblem(
          Api.post("/admin/queue/dead-letters/purge")
              .bearer(token)
              .json(Map.of("all", true))
              .send(),
          403,
          "forbidden");
    }
    assertEquals(401, Api.get("/admin/queue").send().status());
  }

  @Test
  void badRequestsAreRefusedWithInvalidRequest() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    String operator = Tokens.operator();
    Problems.assertProblem(pause(admin, Map.of("scope", "world")), 400, "invalid_request");
    Problems.assertProblem(pause(operator, Map.of("scope", "tenant")), 400, "invalid_request");
    Problems.assertProblem(
        pause(operator, Map.of("scope", "tenant", "tenantId", Tenants.fresh())),
        400,
        "invalid_request");
    Problems.assertProblem(
        requeue(admin, Map.of("jobIds", List.of(UUID.randomUUID().toString()), "all", true)),
        400,
        "invalid_request");
    Problems.assertProblem(requeue(admin, Map.of()), 400, "invalid_request");
    Problems.assertProblem(
        requeue(admin, Map.of("all", true, "format", "docx")), 400, "invalid_request");
    Problems.assertProblem(
        Api.get("/admin/queue/dead-letters?limit=0").bearer(admin).send(), 400, "invalid_request");
    Problems.assertProblem(
        Api.get("/admin/queue/dead-letters?cursor=nonsense").bearer(admin).send(),
        400,
        "invalid_cursor");
  }

  @Test
  void aDeadLetteredJobIsListedWithItsFailureAndRequeuedToCompletion() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    try (Workers worker = Workers.start()) {
      String id = deadLettered(tenant);

      JsonNode page = deadLetters(admin, "");
      assertEquals(1, page.path("items").size(), page::toString);
      JsonNode item = page.path("items").get(0);
      assertEquals(id, item.path("jobId").asText());
      assertEquals(tenant, item.path("tenantId").asText());
      assertEquals("work.csv", item.path("filename").asText());
      assertEquals(3, item.path("attempts").asInt(), item::toString);
      assertEquals("StorageUnavailable", item.path("failureCategory").asText(), item::toString);
      assertFalse(item.path("deadLetteredAt").isNull(), item::toString);
      assertEquals(1, queue(admin, "").path("deadLettered").asInt());

      Database.forgetJobOptions(id); // the cause of the failures is gone
      ApiResponse requeued = requeue(admin, Map.of("jobIds", List.of(id)));

      assertEquals(200, requeued.status(), requeued::toString);
      assertEquals(1, requeued.json().path("done").asInt(), requeued::toString);
      JsonNode done = Jobs.awaitFinished(admin, id, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      assertEquals(0, deadLetters(admin, "").path("items").size());
    }
  }

  @Test
  void theOperatorRequeuesAllDeadLettersOfATenant() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    try (Workers worker = Workers.start()) {
      String id = deadLettered(tenant);
      Database.forgetJobOptions(id);

      ApiResponse requeued =
          requeue(Tokens.operator(), Map.of("all", true, "tenantId", tenant, "format", "csv"));

      assertEquals(200, requeued.status(), requeued::toString);
      assertEquals(1, requeued.json().path("total").asInt(), requeued::toString);
      assertEquals(1, requeued.json().path("done").asInt(), requeued::toString);
      JsonNode done = Jobs.awaitFinished(admin, id, PARSE);
      assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    }
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(
                r ->
                    "job.retried".equals(r.get("action"))
                        && "user:it-operator".equals(r.get("actor"))),
        () -> "the operator's re-queue is in the tenant's audit: " + Database.auditRecords(tenant));
  }

  @Test
  void purgeDeletesDeadLettersAndLeavesOtherJobs() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    String id;
    try (Workers worker = Workers.start()) {
      id = deadLettered(tenant);
    }
    String queued = upload(Tokens.of(tenant, "member"), "stays", null);

    ApiResponse named = purge(admin, Map.of("jobIds", List.of(queued)));
    assertEquals(200, named.status(), named::toString);
    assertEquals("skipped", named.json().path("items").get(0).path("outcome").asText());
    assertEquals(
        "not_dead_lettered",
        named.json().path("items").get(0).path("reason").asText(),
        named::toString);

    ApiResponse purged = purge(admin, Map.of("all", true));

    assertEquals(200, purged.status(), purged::toString);
    assertEquals(1, purged.json().path("done").asInt(), purged::toString);
    Problems.assertProblem(Api.get("/status/" + id).bearer(admin).send(), 404, "job_not_found");
    assertEquals(0, deadLetters(admin, "").path("items").size());
    assertEquals("QUEUED", Jobs.status(admin, queued).path("state").asText());
  }

  @Test
  void anotherTenantsJobIsNotFoundForATenantsAdmin() {
    String owner = Tenants.fresh();
    String id = upload(Tokens.of(owner, "member"), "foreign", null);

    ApiResponse response =
        requeue(Tokens.of(Tenants.fresh(), "admin"), Map.of("jobIds", List.of(id)));

    assertEquals(200, response.status(), response::toString);
    JsonNode item = response.json().path("items").get(0);
    assertEquals("failed", item.path("outcome").asText(), item::toString);
    assertEquals("job_not_found", item.path("problem").path("code").asText(), item::toString);
  }

  // ---- helpers

  /** A job of the tenant whose every attempt failed, so it is dead-lettered (a worker must run). */
  private static String deadLettered(String tenant) {
    String token = Tokens.of(tenant, "member");
    String id = upload(token, "dead", "{\"simulate\":\"retryable_failure\"}");
    JsonNode dead = Jobs.awaitFinished(token, id, PARSE);
    assertEquals("DEAD_LETTERED", dead.path("state").asText(), dead::toString);
    return id;
  }

  private static String upload(String token, String variant, String metadata) {
    Multipart form = Multipart.file("work.csv", SampleFiles.csv(variant + UUID.randomUUID()));
    if (metadata != null) {
      form = form.field("metadata", metadata);
    }
    return Uploads.created(Uploads.multipart(token, form)).path("id").asText();
  }

  private static JsonNode queue(String token, String query) {
    ApiResponse response = Api.get("/admin/queue" + query).bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode deadLetters(String token, String query) {
    ApiResponse response = Api.get("/admin/queue/dead-letters" + query).bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static boolean absent(JsonNode value) {
    return value.isNull() || value.isMissingNode();
  }

  /** Messages waiting to be dispatched, over every band. */
  private static long waiting(JsonNode status) {
    long waiting = 0;
    for (JsonNode band : status.path("bands")) {
      waiting += band.path("waiting").asLong();
    }
    return waiting;
  }

  private static ApiResponse pause(String token, Map<String, ?> body) {
    return Api.post("/admin/queue/pause").bearer(token).json(body).send();
  }

  private static ApiResponse resume(String token, Map<String, ?> body) {
    return Api.post("/admin/queue/resume").bearer(token).json(body).send();
  }

  private static ApiResponse requeue(String token, Map<String, ?> body) {
    return Api.post("/admin/queue/dead-letters/requeue").bearer(token).json(body).send();
  }

  private static ApiResponse purge(String token, Map<String, ?> body) {
    return Api.post("/admin/queue/dead-letters/purge").bearer(token).json(body).send();
  }
}
