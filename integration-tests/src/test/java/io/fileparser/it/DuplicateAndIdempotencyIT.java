package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DuplicateAndIdempotencyIT {

  @Test
  void sameBytesUploadedAgainPointToTheFirstJobAndAreStoredOnce() {
    String tenant = Tenants.fresh();
    byte[] csv = SampleFiles.csv("duplicate");
    JsonNode first = Uploads.create(tenant, "january.csv", csv);
    JsonNode second = Uploads.create(tenant, "january-again.csv", csv);

    assertFalse(first.has("duplicateOf"), () -> "first upload is no duplicate: " + first);
    assertNotEquals(first.path("id"), second.path("id"));
    assertEquals("QUEUED", second.path("state").asText());
    assertEquals(first.path("file").path("id"), second.path("file").path("id"));
    assertEquals(
        first.path("file").path("id"), second.path("duplicateOf").path("fileId"), second::toString);
    assertEquals(first.path("id"), second.path("duplicateOf").path("jobId"), second::toString);
    assertEquals("january-again.csv", second.path("filename").asText());

    assertEquals(
        List.of(FileStore.storedFile(tenant, SampleFiles.sha256(csv))),
        FileStore.tenantFiles(tenant));
    assertEquals(1, Database.count("stored_files", tenant));
    assertEquals(2, Database.count("jobs", tenant));
  }

  @Test
  void sameBytesOfAnotherTenantAreNoDuplicate() {
    byte[] csv = SampleFiles.csv("cross-tenant");
    JsonNode mine = Uploads.create(Tenants.fresh(), "shared.csv", csv);
    JsonNode theirs = Uploads.create(Tenants.fresh(), "shared.csv", csv);

    assertFalse(theirs.has("duplicateOf"), () -> "another tenant's upload leaked: " + theirs);
    assertNotEquals(mine.path("file").path("id"), theirs.path("file").path("id"));
  }

  @Test
  void repeatedIdempotencyKeyWithTheSameRequestReplaysTheFirstJob() {
    String tenant = Tenants.fresh();
    String key = UUID.randomUUID().toString();
    byte[] csv = SampleFiles.csv("idempotent");

    ApiResponse first = upload(tenant, key, Multipart.file("a.csv", csv).field("priority", "7"));
    ApiResponse again = upload(tenant, key, Multipart.file("a.csv", csv).field("priority", "7"));

    JsonNode job = Uploads.created(first);
    assertTrue(first.header("Idempotent-Replayed").isEmpty(), "the first answer is no replay");
    assertEquals(201, again.status(), again::toString);
    assertEquals("true", again.header("Idempotent-Replayed").orElse(null));
    assertEquals(job.path("id"), again.json().path("id"));
    assertEquals(first.header("Location"), again.header("Location"));
    assertFalse(again.json().has("duplicateOf"), "a replay is not a duplicate upload");
    assertEquals(1, Database.count("jobs", tenant));
    assertEquals(1, FileStore.tenantFiles(tenant).size());
  }

  @Test
  void idempotencyKeyReusedForAnotherFileIsRefused() {
    String tenant = Tenants.fresh();
    String key = UUID.randomUUID().toString();
    JsonNode job =
        Uploads.created(upload(tenant, key, Multipart.file("a.csv", SampleFiles.csv("key-1"))));
    Leftovers leftovers = Leftovers.watch(tenant);

    ApiResponse reused = upload(tenant, key, Multipart.file("a.csv", SampleFiles.csv("key-2")));

    Problems.assertProblem(reused, 422, "idempotency_key_reused");
    leftovers.assertNone();
    assertEquals(
        List.of(FileStore.storedFile(tenant, job.path("file").path("sha256").asText())),
        FileStore.tenantFiles(tenant));
  }

  @Test
  void idempotencyKeyReusedWithOtherOptionsIsRefused() {
    String tenant = Tenants.fresh();
    String key = UUID.randomUUID().toString();
    byte[] csv = SampleFiles.csv("key-options");
    Uploads.created(upload(tenant, key, Multipart.file("a.csv", csv).field("priority", "3")));
    Leftovers leftovers = Leftovers.watch(tenant);

    ApiResponse reused = upload(tenant, key, Multipart.file("a.csv", csv).field("priority", "4"));

    Problems.assertProblem(reused, 422, "idempotency_key_reused");
    leftovers.assertNone();
  }

  @Test
  void idempotencyKeysOfDifferentTenantsDoNotCollide() {
    String key = UUID.randomUUID().toString();
    String tenantA = Tenants.fresh();
    String tenantB = Tenants.fresh();

    ApiResponse a = upload(tenantA, key, Multipart.file("a.csv", SampleFiles.csv("tenant-a")));
    ApiResponse b = upload(tenantB, key, Multipart.file("b.csv", SampleFiles.csv("tenant-b")));

    assertNotEquals(Uploads.created(a).path("id"), Uploads.created(b).path("id"));
    assertTrue(b.header("Idempotent-Replayed").isEmpty(), b::toString);
  }

  @Test
  void rawUploadReplaysByIdempotencyKeyToo() {
    String tenant = Tenants.fresh();
    String key = "raw-" + UUID.randomUUID();
    byte[] pdf = SampleFiles.pdf();

    ApiResponse first = rawUpload(tenant, key, pdf);
    ApiResponse again = rawUpload(tenant, key, pdf);

    assertEquals(Uploads.created(first).path("id"), Uploads.created(again).path("id"));
    assertEquals("true", again.header("Idempotent-Replayed").orElse(null));
    assertEquals(1, Database.count("jobs", tenant));
  }

  private static ApiResponse upload(String tenant, String key, Multipart form) {
    return Api.post("/upload")
        .bearer(Tokens.of(tenant, "member"))
        .header("Idempotency-Key", key)
        .multipart(form)
        .send();
  }

  private static ApiResponse rawUpload(String tenant, String key, byte[] content) {
    return Api.post("/upload?priority=6")
        .bearer(Tokens.of(tenant, "member"))
        .header("Idempotency-Key", key)
        .header("Content-Disposition", "attachment; filename=\"scan.pdf\"")
        .body("application/pdf", content)
        .send();
  }
}
