package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/tenants} against the deployed server: the operator registers, reads, lists and
 * changes tenants, every change audited; and each change applies on the very next request: a tier
 * lifts a rate limit, a scan policy decides the next upload, a disabled tenant is refused (its work
 * held back from dispatch) until it is enabled again. The system tests' free tier reads 6 times a
 * minute (see RateLimitIT).
 */
class TenantAdminIT {

  private static final String MERGE_PATCH = "application/merge-patch+json";

  @Test
  void theOperatorRegistersReadsListsAndChangesATenantEachChangeAudited() {
    String tenant = Tenants.fresh();

    ApiResponse created =
        create(Map.of("id", tenant, "tier", "premium", "limits", Map.of("concurrentUploads", 3)));

    assertEquals(201, created.status(), created::toString);
    assertTrue(
        created.header("Location").orElseThrow().endsWith("/api/parser/admin/tenants/" + tenant));
    JsonNode view = created.json();
    assertEquals("premium", view.path("tier").asText());
    assertTrue(view.path("enabled").asBoolean());
    assertEquals("reject", view.path("scanPolicy").asText());
    assertFalse(view.path("allowPdfActiveContent").asBoolean());
    assertEquals(3, view.path("limits").path("concurrentUploads").asInt());
    assertEquals(3, view.path("limitsInForce").path("concurrentUploads").asInt());

    ApiResponse changed =
        patch(
            tenant,
            MERGE_PATCH,
            "{\"scanPolicy\":\"quarantine\",\"allowPdfActiveContent\":true,"
                + "\"limits\":{\"concurrentUploads\":null}}");

    assertEquals(200, changed.status(), changed::toString);
    assertEquals("premium", changed.json().path("tier").asText(), "absent members stay");
    assertEquals("quarantine", changed.json().path("scanPolicy").asText());
    assertTrue(changed.json().path("allowPdfActiveContent").asBoolean());
    assertTrue(absent(changed.json().path("limits").path("concurrentUploads")), changed::toString);
    assertTrue(changed.json().path("limitsInForce").path("concurrentUploads").asInt() > 3);
    assertFalse(absent(changed.json().path("updatedAt")), changed::toString);
    ApiResponse read = operator("GET", "/admin/tenants/" + tenant).send();
    assertEquals(200, read.status(), read::toString);
    assertEquals(changed.json(), read.json());

    List<Map<String, Object>> audit = Database.auditRecords(tenant);
    assertEquals(
        List.of("tenant.created", "tenant.changed"),
        audit.stream().map(r -> r.get("action")).toList(),
        audit::toString);
    assertEquals("tenant", audit.get(1).get("target_type"));
    assertEquals("user:it-operator", audit.get(1).get("actor"), audit::toString);
    JsonNode details = json(audit.get(1).get("details").toString());
    assertEquals("reject", details.path("before").path("scanPolicy").asText());
    assertEquals("quarantine", details.path("after").path("scanPolicy").asText());
    assertEquals(3, details.path("before").path("limits").path("concurrentUploads").asInt());
    assertTrue(details.path("after").path("limits").path("concurrentUploads").isNull());

    ApiResponse same = patch(tenant, "application/json", "{\"tier\":\"premium\"}");
    assertEquals(200, same.status(), same::toString);
    assertEquals(2, Database.auditRecords(tenant).size(), "a change that changes nothing");
  }

  @Test
  void theOperatorSetsATenantsLimitOfJobsInFlightAndTakesItBack() {
    String tenant = Tenants.fresh();

    ApiResponse created =
        create(Map.of("id", tenant, "tier", "free", "limits", Map.of("jobsInFlight", 7)));

    assertEquals(201, created.status(), created::toString);
    assertEquals(7, created.json().path("limits").path("jobsInFlight").asInt());
    assertEquals(7, created.json().path("limitsInForce").path("jobsInFlight").asInt());
    assertTrue(absent(created.json().path("limits").path("concurrentUploads")), "not given");

    ApiResponse back = patch(tenant, MERGE_PATCH, "{\"limits\":{\"jobsInFlight\":null}}");

    assertEquals(200, back.status(), back::toString);
    assertTrue(absent(back.json().path("limits").path("jobsInFlight")), back::toString);
    assertEquals(
        2, back.json().path("limitsInForce").path("jobsInFlight").asInt(), "the free tier's");
    JsonNode details = json(Database.auditRecords(tenant).get(1).get("details").toString());
    assertEquals(7, details.path("before").path("limits").path("jobsInFlight").asInt());
    assertTrue(details.path("after").path("limits").path("jobsInFlight").isNull());
  }

  @Test
  void theListPagesThroughEveryTenantInIdOrder() {
    String first = "a" + Tenants.fresh();
    String second = "a" + Tenants.fresh();
    assertEquals(201, create(Map.of("id", first)).status());
    assertEquals(201, create(Map.of("id", second)).status());

    List<String> ids = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < 10_000; pages++) {
      ApiResponse page =
          operator("GET", "/admin/tenants?limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
              .send();
      assertEquals(200, page.status(), page::toString);
      page.json().path("items").forEach(t -> ids.add(t.path("id").asText()));
      if (page.json().path("next").isMissingNode() || page.json().path("next").isNull()) {
        break;
      }
      cursor = page.json().path("next").asText();
    }

    assertTrue(ids.contains(first) && ids.contains(second), "both listed");
    assertEquals(ids.stream().sorted().toList(), ids, "in id order, none twice");
    assertEquals(ids.size(), ids.stream().distinct().count());
    ApiResponse two = operator("GET", "/admin/tenants?limit=1").send();
    assertEquals(1, two.json().path("items").size());
    assertNotNull(two.json().path("next").textValue(), two::toString);
  }

  @Test
  void unknownConflictingAndBadRequestsAreProblems() {
    String tenant = Tenants.fresh();
    assertEquals(201, create(Map.of("id", tenant)).status());

    Problems.assertProblem(create(Map.of("id", tenant, "tier", "free")), 409, "tenant_exists");
    Problems.assertProblem(
        operator("GET", "/admin/tenants/" + Tenants.fresh()).send(), 404, "tenant_not_found");
    Problems.assertProblem(
        patch(Tenants.fresh(), MERGE_PATCH, "{\"tier\":\"free\"}"), 404, "tenant_not_found");
    Map<String, String> bad = new HashMap<>();
    bad.put("{\"tier\":\"gold\"}", "tier");
    bad.put("{\"tier\":null}", "tier");
    bad.put("{\"enabled\":\"no\"}", "enabled");
    bad.put("{\"scanPolicy\":\"delete\"}", "scanPolicy");
    bad.put("{\"limits\":{\"concurrentUploads\":0}}", "limits.concurrentUploads");
    bad.put("{\"limits\":{\"jobsInFlight\":0}}", "limits.jobsInFlight");
    bad.put("{\"limits\":{\"jobsInFlight\":10001}}", "limits.jobsInFlight");
    bad.put("{\"limits\":{\"jobsInFlight\":\"5\"}}", "limits.jobsInFlight");
    for (Map.Entry<String, String> body : bad.entrySet()) {
      ApiResponse refused = patch(tenant, MERGE_PATCH, body.getKey());
      Problems.assertProblem(refused, 422, "invalid_tenant_setting");
      assertEquals(body.getValue(), refused.json().path("field").asText(), body::getKey);
    }
    Map<String, String> unknown = new HashMap<>();
    unknown.put("{\"limits\":{\"jobsInFlght\":5}}", "limits.jobsInFlght");
    unknown.put("{\"teir\":\"free\"}", "teir");
    for (Map.Entry<String, String> body : unknown.entrySet()) {
      ApiResponse refused = patch(tenant, MERGE_PATCH, body.getKey());
      Problems.assertProblem(refused, 400, "malformed_json");
      assertEquals(body.getValue(), refused.json().path("member").asText(), body::getKey);
    }
    Problems.assertProblem(create(Map.of("id", "../etc")), 422, "invalid_tenant_setting");
    Problems.assertProblem(patch(tenant, MERGE_PATCH, "{\"tier\":"), 400, "malformed_json");
    Problems.assertProblem(
        operator("GET", "/admin/tenants?cursor=nonsense").send(), 400, "invalid_cursor");
    Problems.assertProblem(
        operator("GET", "/admin/tenants?limit=0").send(), 400, "invalid_request");

    JsonNode unchanged = operator("GET", "/admin/tenants/" + tenant).send().json();
    assertEquals("standard", unchanged.path("tier").asText(), "nothing stored was lost");
    assertEquals(List.of("tenant.created"), actions(tenant));
  }

  @Test
  void onlyThePlatformOperatorAdministersTenants() {
    String tenant = Tenants.fresh();
    assertEquals(201, create(Map.of("id", tenant)).status());
    for (String role : List.of("viewer", "member", "admin", "owner", "service")) {
      String token = Tokens.of(tenant, role);
      Problems.assertProblem(
          Api.get("/admin/tenants/" + tenant).bearer(token).send(), 403, "forbidden");
      Problems.assertProblem(
          Api.call("PATCH", TestEnvironment.apiUri("/admin/tenants/" + tenant))
              .bearer(token)
              .body(MERGE_PATCH, "{\"tier\":\"enterprise\"}".getBytes())
              .send(),
          403,
          "forbidden");
      Problems.assertProblem(
          Api.call("PATCH", TestEnvironment.apiUri("/admin/tenants/" + tenant))
              .bearer(token)
              .body(MERGE_PATCH, "{\"limits\":{\"jobsInFlight\":10000}}".getBytes())
              .send(),
          403,
          "forbidden");
    }
    assertTrue(
        absent(
            operator("GET", "/admin/tenants/" + tenant)
                .send()
                .json()
                .path("limits")
                .path("jobsInFlight")),
        "a tenant's own roles cannot lift its limit of jobs in flight");
    assertEquals(
        "standard",
        operator("GET", "/admin/tenants/" + tenant).send().json().path("tier").asText());
  }

  @Test
  void aTierChangeLiftsARateLimitOnTheVeryNextRequest() {
    String tenant = Tenants.fresh();
    assertEquals(201, create(Map.of("id", tenant, "tier", "free")).status());
    String token = Tokens.of(tenant, "viewer");
    for (int i = 0; i < 6; i++) {
      assertEquals(200, RateLimitIT.listJobs(token).status());
    }
    assertLimited(RateLimitIT.listJobs(token));

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"tier\":\"standard\"}").status());

    ApiResponse lifted = RateLimitIT.listJobs(token);
    assertEquals(200, lifted.status(), lifted::toString);
    assertFalse(lifted.header("RateLimit-Policy").orElse("").contains("q=6;"), lifted::toString);

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"tier\":\"free\"}").status());
    assertLimited(RateLimitIT.listJobs(token));
  }

  @Test
  void aScanPolicyChangeDecidesTheVeryNextUpload() {
    String tenant = Tenants.fresh();
    assertEquals(201, create(Map.of("id", tenant)).status());
    String member = Tokens.of(tenant, "member");
    Problems.assertProblem(
        Uploads.multipart(member, Multipart.file("a.pdf", SampleFiles.eicar())),
        422,
        "malware_detected");

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"scanPolicy\":\"quarantine\"}").status());

    ApiResponse kept = Uploads.multipart(member, Multipart.file("b.pdf", SampleFiles.eicar()));
    assertEquals(201, kept.status(), kept::toString);
    assertEquals("QUARANTINED", kept.json().path("state").asText(), kept::toString);

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"scanPolicy\":\"reject\"}").status());
    Problems.assertProblem(
        Uploads.multipart(member, Multipart.file("c.pdf", SampleFiles.eicar())),
        422,
        "malware_detected");
  }

  @Test
  void aDisabledTenantIsRefusedFromTheNextRequestUntilEnabledAgain() {
    String tenant = Tenants.fresh();
    assertEquals(201, create(Map.of("id", tenant)).status());
    String member = Tokens.of(tenant, "member");
    ApiResponse key =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", "disabled", "roles", List.of("viewer")))
            .send();
    assertEquals(201, key.status(), key::toString);
    String secret = key.json().path("secret").asText();
    assertEquals(200, Api.get("/jobs").bearer(member).send().status());

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"enabled\":false}").status());

    ApiResponse byToken = Api.get("/jobs").bearer(member).send();
    Problems.assertProblem(byToken, 403, "tenant_disabled");
    assertFalse(byToken.header("RateLimit").isPresent(), "a refused request costs nothing");
    Problems.assertProblem(Api.get("/jobs").apiKey(secret).send(), 403, "tenant_disabled");
    Problems.assertProblem(
        Uploads.multipart(member, Multipart.file("x.csv", SampleFiles.csv(tenant))),
        403,
        "tenant_disabled");
    assertEquals(0, Database.count("jobs", tenant), "nothing stored for a refused upload");
    assertEquals(200, operator("GET", "/admin/tenants/" + tenant).send().status());

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"enabled\":true}").status());

    assertEquals(200, Api.get("/jobs").bearer(member).send().status());
    assertEquals(200, Api.get("/jobs").apiKey(secret).send().status());
  }

  @Test
  void aDisabledTenantsWorkIsHeldBackFromDispatchUntilItIsEnabled() throws SQLException {
    String tenant = Tenants.fresh();
    assertEquals(201, create(Map.of("id", tenant)).status());
    Map<String, String> scope = Map.of("scope", "tenant", "tenantId", tenant);
    assertEquals(200, operator("POST", "/admin/queue/pause").json(scope).send().status());
    String jobId = Uploads.create(tenant, "held.csv", SampleFiles.csv(tenant)).path("id").asText();
    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"enabled\":false}").status());
    assertEquals(200, operator("POST", "/admin/queue/resume").json(scope).send().status());

    Jobs.sleep(3000);
    assertEquals(1, unsent(jobId), "a disabled tenant's message is not sent");

    assertEquals(200, patch(tenant, MERGE_PATCH, "{\"enabled\":true}").status());

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (unsent(jobId) > 0) {
      assertTrue(System.nanoTime() < deadline, "sent once the tenant is enabled again");
      Jobs.sleep(100);
    }
  }

  private static void assertLimited(ApiResponse response) {
    assertEquals(429, response.status(), response::toString);
    assertEquals("rate_limited", response.json().path("code").asText(), response::toString);
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static long unsent(String jobId) throws SQLException {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) from dispatch_outbox where job_id = ?::uuid and sent_at is null")) {
      query.setString(1, jobId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static List<Object> actions(String tenant) {
    return Database.auditRecords(tenant).stream().map(r -> r.get("action")).toList();
  }

  static ApiResponse create(Map<String, ?> body) {
    return operator("POST", "/admin/tenants").json(body).send();
  }

  static ApiResponse patch(String tenant, String contentType, String body) {
    return operator("PATCH", "/admin/tenants/" + tenant)
        .body(contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .send();
  }

  private static Api.Call operator(String method, String path) {
    return Api.call(method, TestEnvironment.apiUri(path)).bearer(Tokens.operator());
  }

  private static JsonNode json(String text) {
    try {
      return ApiResponse.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(text, e);
    }
  }
}
