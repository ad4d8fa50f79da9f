package io.fileparser.it;

import static io.fileparser.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hash-chained audit trail over HTTP: sensitive operations leave records, a tenant's admins
 * read their own tenant's and nobody else's, the operator reads every tenant's and proves the chain
 * unbroken, and a record changed in the database behind the triggers' back is named by the proof.
 */
class AuditTrailIT {

  @Test
  void apiKeyCreationAndRevocationAreAuditedWithTheirChainLinks() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    String keyId = createKey(admin);
    assertEquals(204, Api.delete("/api-keys/" + keyId).bearer(admin).send().status());

    List<JsonNode> records = items(list(admin, "targetId=" + keyId));

    assertEquals(
        List.of("api_key.revoked", "api_key.created"),
        records.stream().map(r -> r.path("action").asText()).toList(),
        "newest first");
    for (JsonNode record : records) {
      assertEquals(tenant, record.path("tenantId").asText(), record::toString);
      assertEquals("user:" + Tokens.DEFAULT_SUBJECT, record.path("actor").asText());
      assertEquals("api_key", record.path("targetType").asText());
      assertTrue(record.path("hash").asText().matches("[0-9a-f]{64}"), record::toString);
      assertTrue(record.path("prevHash").asText().matches("[0-9a-f]{64}"), record::toString);
      assertTrue(record.path("occurredAt").isTextual(), record::toString);
    }
    assertTrue(records.get(0).path("id").asLong() > records.get(1).path("id").asLong());
  }

  @Test
  void cancellingAndDeletingAJobAreAuditedInTheTenant() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String jobId =
        Uploads.create(tenant, "audited.csv", SampleFiles.csv("audited-" + UUID.randomUUID()))
            .path("id")
            .asText();
    assertEquals(200, Api.post("/jobs/" + jobId + "/cancel").bearer(member).send().status());
    assertEquals(204, Api.delete("/jobs/" + jobId).bearer(member).send().status());

    List<JsonNode> records =
        items(list(Tokens.of(tenant, "owner"), "targetType=job&targetId=" + jobId));

    assertEquals(
        List.of("job.deleted", "job.cancelled"),
        records.stream().map(r -> r.path("action").asText()).toList());
  }

  @Test
  void anUploadRefusedForMalwareIsAuditedThoughTheUploadFails() {
    String tenant = Tenants.fresh();
    ApiResponse refused =
        Uploads.multipart(
            Tokens.of(tenant, "member"), Multipart.file("invoice.pdf", SampleFiles.eicar()));
    assertProblem(refused, 422, "malware_detected");

    List<JsonNode> records = items(list(Tokens.of(tenant, "admin"), "action=malware.rejected"));

    assertEquals(1, records.size(), records::toString);
    assertTrue(records.get(0).path("details").asText().contains("Eicar"), records::toString);
  }

  @Test
  void publishingATemplateIsAudited() {
    String tenant = Tenants.fresh();
    String templateId = TemplatesIT.published(tenant, "audited");

    List<JsonNode> records =
        items(list(Tokens.of(tenant, "owner"), "targetType=template&targetId=" + templateId));

    assertTrue(
        records.stream().anyMatch(r -> r.path("action").asText().equals("template.published")),
        records::toString);
  }

  @Test
  void aTenantAdminSeesOnlyTheirTenantsRecordsAndIsRefusedAnothers() {
    String tenant = Tenants.fresh();
    String other = Tenants.fresh();
    createKey(Tokens.of(tenant, "admin"));
    createKey(Tokens.of(other, "admin"));
    String admin = Tokens.of(tenant, "admin");

    List<JsonNode> records = items(list(admin, "limit=200"));
    assertFalse(records.isEmpty());
    records.forEach(r -> assertEquals(tenant, r.path("tenantId").asText(), r::toString));

    assertProblem(Api.get("/admin/audit?tenantId=" + other).bearer(admin).send(), 403, "forbidden");
  }

  @Test
  void theOperatorSeesEveryTenantAndFiltersByTenantAndAction() {
    String tenant = Tenants.fresh();
    String keyId = createKey(Tokens.of(tenant, "admin"));

    List<JsonNode> records =
        items(list(Tokens.operator(), "tenantId=" + tenant + "&action=api_key.created"));

    assertEquals(1, records.size(), records::toString);
    assertEquals(keyId, records.get(0).path("targetId").asText());
  }

  @Test
  void pagesFollowTheCursorWithoutRepeatsOrGaps() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(0, createKey(admin));
    }

    JsonNode first = list(admin, "action=api_key.created&limit=2");
    JsonNode second =
        list(admin, "action=api_key.created&limit=2&cursor=" + first.path("next").asText());

    List<String> seen = new ArrayList<>();
    items(first).forEach(r -> seen.add(r.path("targetId").asText()));
    items(second).forEach(r -> seen.add(r.path("targetId").asText()));
    assertEquals(created, seen);
    assertTrue(second.path("next").isMissingNode() || second.path("next").isNull(), "last page");
    assertProblem(
        Api.get("/admin/audit?cursor=" + first.path("next").asText())
            .bearer(Tokens.of(Tenants.fresh(), "admin"))
            .send(),
        400,
        "invalid_cursor");
  }

  @Test
  void viewersMembersAndServiceCallersAreRefusedAndOnlyTheOperatorVerifies() {
    String tenant = Tenants.fresh();
    for (String role : List.of("viewer", "member", "service")) {
      assertProblem(
          Api.get("/admin/audit").bearer(Tokens.of(tenant, role)).send(), 403, "forbidden");
    }
    for (String role : List.of("admin", "owner")) {
      assertProblem(
          Api.get("/admin/audit/verify").bearer(Tokens.of(tenant, role)).send(), 403, "forbidden");
    }
    assertEquals(401, Api.get("/admin/audit").send().status());
    assertEquals(401, Api.get("/admin/audit/verify").send().status());
  }

  @Test
  void badQueryParametersAreRefusedWith400() {
    String admin = Tokens.of(Tenants.fresh(), "admin");
    for (String query :
        List.of(
            "limit=0",
            "limit=201",
            "limit=ten",
            "from=yesterday",
            "to=2026-13-01T00:00:00Z",
            "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
            "action=Api%20Key",
            "targetType=" + "a".repeat(65),
            "actor=" + "a".repeat(201),
            "tenantId=-bad")) {
      assertProblem(Api.get("/admin/audit?" + query).bearer(admin).send(), 400, "invalid_request");
    }
    assertProblem(
        Api.get("/admin/audit?cursor=bm90LWEtY3Vyc29y").bearer(admin).send(),
        400,
        "invalid_cursor");
  }

  @Test
  void theOperatorFindsTheChainIntact() {
    createKey(Tokens.of(Tenants.fresh(), "admin"));

    JsonNode verdict = verify();

    assertTrue(verdict.path("intact").asBoolean(), verdict::toString);
    assertTrue(verdict.path("checked").asLong() >= 1, verdict::toString);
    assertTrue(verdict.path("firstBroken").isNull() || verdict.path("firstBroken").isMissingNode());
    assertTrue(verdict.path("lastHash").asText().matches("[0-9a-f]{64}"), verdict::toString);
  }

  /**
   * Tampers as a database owner could (disabling the append-only trigger), asserts, and puts the
   * record back exactly as it was, so the chain is whole again for every later proof.
   */
  @Test
  void aTamperedRecordIsNamedByVerifyAsTheFirstBroken() throws SQLException {
    String tenant = Tenants.fresh();
    String keyId = createKey(Tokens.of(tenant, "admin"));
    JsonNode record = items(list(Tokens.operator(), "tenantId=" + tenant)).get(0);
    long id = record.path("id").asLong();
    String original = record.path("details").asText();
    assertEquals(keyId, record.path("targetId").asText());

    try {
      setDetails(id, original + " roles=[owner]");
      JsonNode verdict = verify();

      assertFalse(verdict.path("intact").asBoolean(), verdict::toString);
      assertEquals(id, verdict.path("firstBroken").path("id").asLong(), verdict::toString);
      assertEquals("hash_mismatch", verdict.path("firstBroken").path("reason").asText());
    } finally {
      setDetails(id, original);
    }
    assertTrue(verify().path("intact").asBoolean(), "restored exactly, the chain is whole again");
  }

  private static String createKey(String admin) {
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(admin)
            .json(Map.of("name", "audited-" + UUID.randomUUID(), "roles", List.of("service")))
            .send();
    assertEquals(201, response.status(), response::toString);
    return response.json().path("key").path("id").asText();
  }

  private static JsonNode list(String token, String query) {
    ApiResponse response = Api.get("/admin/audit?" + query).bearer(token).send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static JsonNode verify() {
    ApiResponse response = Api.get("/admin/audit/verify").bearer(Tokens.operator()).send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  private static List<JsonNode> items(JsonNode page) {
    List<JsonNode> items = new ArrayList<>();
    page.path("items").forEach(items::add);
    return items;
  }

  private static void setDetails(long id, String details) throws SQLException {
    try (Connection db = Database.connect();
        Statement ddl = db.createStatement();
        PreparedStatement update =
            db.prepareStatement("update audit_log set details = ? where id = ?")) {
      db.setAutoCommit(false);
      ddl.execute("alter table audit_log disable trigger audit_log_append_only");
      update.setString(1, details);
      update.setLong(2, id);
      assertEquals(1, update.executeUpdate());
      ddl.execute("alter table audit_log enable trigger audit_log_append_only");
      db.commit();
    }
  }
}
