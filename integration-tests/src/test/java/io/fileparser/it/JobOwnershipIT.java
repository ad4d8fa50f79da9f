package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may cancel ({@code POST /jobs/{id}/cancel}) or delete ({@code DELETE /jobs/{id}}) a job (and
 * retry one, see JobManagementIT): members and service callers their own jobs only, admins and
 * owners any job of their tenant. No worker runs here, so uploaded jobs stay queued.
 */
class JobOwnershipIT {

  @Test
  void memberCancelsAndDeletesTheJobsItSubmitted() {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String cancelled = upload(alice, "a1");
    String deleted = upload(alice, "a2");

    ApiResponse cancel = Api.post("/jobs/" + cancelled + "/cancel").bearer(alice).send();
    ApiResponse delete = Api.delete("/jobs/" + deleted).bearer(alice).send();

    assertEquals(200, cancel.status(), cancel::toString);
    assertEquals("CANCELLED", cancel.json().path("state").asText());
    assertEquals(204, delete.status(), delete::toString);
  }

  @Test
  void anotherMemberOfTheTenantIsForbiddenAndTheJobStaysQueued() {
    String tenant = Tenants.fresh();
    String id = upload(Tokens.bySubject("alice", tenant, "member"), "alices");
    String bob = Tokens.bySubject("bob", tenant, "member");

    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel").bearer(bob).send(), 403, "forbidden");
    Problems.assertProblem(Api.delete("/jobs/" + id).bearer(bob).send(), 403, "forbidden");

    assertEquals("QUEUED", Jobs.status(Tokens.of(tenant, "viewer"), id).path("state").asText());
    assertEquals(200, Api.get("/status/" + id).bearer(bob).send().status(), "bob still reads it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "owner"})
  void adminAndOwnerCancelAndDeleteAMembersJob(String role) {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String cancelled = upload(alice, "c-" + role);
    String deleted = upload(alice, "d-" + role);
    String boss = Tokens.bySubject("carol", tenant, role);

    ApiResponse cancel = Api.post("/jobs/" + cancelled + "/cancel").bearer(boss).send();
    ApiResponse delete = Api.delete("/jobs/" + deleted).bearer(boss).send();

    assertEquals(200, cancel.status(), cancel::toString);
    assertEquals("CANCELLED", cancel.json().path("state").asText());
    assertEquals(204, delete.status(), delete::toString);
  }

  @Test
  void serviceKeyCancelsItsOwnJobsOnly() {
    String tenant = Tenants.fresh();
    String key = serviceKey(tenant, "ingest");
    String otherKey = serviceKey(tenant, "another-ingest");
    String alice = Tokens.bySubject("alice", tenant, "member");
    String keysJob = upload(key, "by-key");
    String alicesJob = upload(alice, "by-alice");

    Problems.assertProblem(
        Api.post("/jobs/" + alicesJob + "/cancel").apiKey(key).send(), 403, "forbidden");
    Problems.assertProblem(
        Api.delete("/jobs/" + keysJob).apiKey(otherKey).send(), 403, "forbidden");
    Problems.assertProblem(
        Api.post("/jobs/" + keysJob + "/cancel").bearer(alice).send(), 403, "forbidden");
    ApiResponse own = Api.post("/jobs/" + keysJob + "/cancel").apiKey(key).send();

    assertEquals(200, own.status(), own::toString);
    assertEquals("CANCELLED", own.json().path("state").asText());
    assertEquals(
        "QUEUED", Jobs.status(Tokens.of(tenant, "viewer"), alicesJob).path("state").asText());
  }

  @Test
  void serviceTokenIsHeldToItsOwnJobsLikeAMember() {
    String tenant = Tenants.fresh();
    String alicesJob = upload(Tokens.bySubject("alice", tenant, "member"), "for-service");
    String service = Tokens.bySubject("erp-sync", tenant, "service");
    String servicesJob = upload(service, "by-service");

    Problems.assertProblem(
        Api.delete("/jobs/" + alicesJob).bearer(service).send(), 403, "forbidden");
    assertEquals(204, Api.delete("/jobs/" + servicesJob).bearer(service).send().status());
  }

  @Test
  void viewerCancelsNothingNotEvenWhatItCouldRead() {
    String tenant = Tenants.fresh();
    String id = upload(Tokens.bySubject("alice", tenant, "member"), "viewer-cannot");
    String viewer = Tokens.bySubject("alice", tenant, "viewer");

    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel").bearer(viewer).send(), 403, "forbidden");
    Problems.assertProblem(Api.delete("/jobs/" + id).bearer(viewer).send(), 403, "forbidden");
  }

  @Test
  void anotherTenantsAdminStillDoesNotFindTheJob() {
    String tenant = Tenants.fresh();
    String id = upload(Tokens.bySubject("alice", tenant, "member"), "private");
    String stranger = Tokens.bySubject("alice", Tenants.fresh(), "admin");

    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel").bearer(stranger).send(), 404, "job_not_found");
    Problems.assertProblem(Api.delete("/jobs/" + id).bearer(stranger).send(), 404, "job_not_found");
    Problems.assertProblem(
        Api.delete("/jobs/" + UUID.randomUUID()).bearer(stranger).send(), 404, "job_not_found");
  }

  @Test
  void anotherMembersFinishedJobIsForbiddenNotAConflict() {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String id = upload(alice, "finished");
    assertEquals(200, Api.post("/jobs/" + id + "/cancel").bearer(alice).send().status());

    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel")
            .bearer(Tokens.bySubject("bob", tenant, "member"))
            .send(),
        403,
        "forbidden");
  }

  /** Uploads a CSV with a token or an API key ({@code fpk_...}) and answers the job's id. */
  private static String upload(String credential, String variant) {
    Api.Call call = Api.post("/upload");
    call = credential.startsWith("fpk_") ? call.apiKey(credential) : call.bearer(credential);
    ApiResponse response =
        call.multipart(Multipart.file(variant + ".csv", SampleFiles.csv(variant))).send();
    JsonNode job = Uploads.created(response);
    return job.path("id").asText();
  }

  private static String serviceKey(String tenant, String name) {
    ApiResponse created =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", name, "roles", List.of("service")))
            .send();
    assertEquals(201, created.status(), created::toString);
    return created.json().path("secret").asText();
  }
}
