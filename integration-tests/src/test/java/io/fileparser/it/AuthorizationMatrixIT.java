package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the published OpenAPI document, called as every kind of caller, answers as one
 * policy table says. An operation without a row in the table fails the test, so a new endpoint
 * cannot ship without its authorization being decided here.
 */
class AuthorizationMatrixIT {

  private static final String API_PREFIX = "/api/parser";
  private static final Set<String> TENANT_ROLES =
      Set.of("viewer", "member", "admin", "owner", "service");
  private static final Set<String> READERS = TENANT_ROLES;
  private static final Set<String> WRITERS = Set.of("member", "admin", "owner", "service");
  private static final Set<String> ADMINS = Set.of("admin", "owner");

  /** Every role, the operator included: who may ask who it is. */
  private static final Set<String> EVERYONE =
      Set.of("viewer", "member", "admin", "owner", "service", "operator");

  /** Who administers a queue: a tenant's admins and owners their tenant's, the operator all. */
  private static final Set<String> QUEUE_ADMINS = Set.of("admin", "owner", "operator");

  /** Who drafts templates: members, admins and owners (machine callers only read them). */
  private static final Set<String> DRAFTERS = Set.of("member", "admin", "owner");

  /**
   * Who may call each operation. A role in the set must not be refused (no 401/403, no 5xx); a role
   * outside it gets 403; callers with bad credentials get 401. Cancel, retry and delete act on a
   * job the member submitted: admins and owners may act on any job, the service caller only on its
   * own. Each delete acts on a job of its own (one delete would leave the others nothing to
   * refuse); the bulk request is a dry run, so it changes nothing the other calls see. Pause and
   * resume act on this test's tenant only (never globally), and re-queue and purge name a job that
   * is not dead-lettered, so they skip it. The operator registers a fresh tenant each time and sets
   * this test's tenant to the tier it has.
   */
  private static final Map<String, Set<String>> POLICY =
      Map.ofEntries(
          Map.entry("GET /me", EVERYONE),
          Map.entry("GET /admin/workers", Set.of("operator")),
          Map.entry("POST /admin/workers/{worker}/commands", Set.of("operator")),
          Map.entry("GET /admin/health", Set.of("operator")),
          Map.entry("GET /admin/audit", Set.of("admin", "owner", "operator")),
          Map.entry("GET /admin/audit/verify", Set.of("operator")),
          Map.entry("GET /admin/alerts", QUEUE_ADMINS),
          Map.entry("GET /admin/metrics", QUEUE_ADMINS),
          Map.entry("GET /admin/diagnostics", QUEUE_ADMINS),
          Map.entry("GET /admin/tenants", Set.of("operator")),
          Map.entry("POST /admin/tenants", Set.of("operator")),
          Map.entry("GET /admin/tenants/{tenantId}", Set.of("operator")),
          Map.entry("PATCH /admin/tenants/{tenantId}", Set.of("operator")),
          Map.entry("GET /admin/queue", QUEUE_ADMINS),
          Map.entry("GET /analytics/usage", Set.of("owner", "operator")),
          Map.entry("POST /admin/queue/pause", QUEUE_ADMINS),
          Map.entry("POST /admin/queue/resume", QUEUE_ADMINS),
          Map.entry("GET /admin/queue/dead-letters", QUEUE_ADMINS),
          Map.entry("POST /admin/queue/dead-letters/requeue", QUEUE_ADMINS),
          Map.entry("POST /admin/queue/dead-letters/purge", QUEUE_ADMINS),
          Map.entry("GET /api-keys", ADMINS),
          Map.entry("POST /api-keys", ADMINS),
          Map.entry("DELETE /api-keys/{id}", ADMINS),
          Map.entry("GET /jobs", READERS),
          Map.entry("GET /jobs/analytics", READERS),
          Map.entry("DELETE /jobs/{jobId}", Set.of("member", "admin", "owner")),
          Map.entry("POST /jobs/{jobId}/cancel", Set.of("member", "admin", "owner")),
          Map.entry("POST /jobs/{jobId}/retry", Set.of("member", "admin", "owner")),
          Map.entry("PUT /jobs/{jobId}/schedule", Set.of("member", "admin", "owner")),
          Map.entry("POST /jobs/bulk", WRITERS),
          Map.entry("GET /jobs/bulk/operations/{operationId}", READERS),
          Map.entry("GET /jobs/{jobId}/history", READERS),
          Map.entry("GET /jobs/{jobId}/result", READERS),
          Map.entry("GET /notifications", READERS),
          Map.entry("GET /notifications/count", READERS),
          Map.entry("POST /notifications/{id}/read", READERS),
          Map.entry("POST /notifications/read-all", READERS),
          Map.entry("GET /notifications/push/vapid-public-key", READERS),
          Map.entry("GET /notifications/push/subscriptions", READERS),
          Map.entry("POST /notifications/push/subscriptions", READERS),
          Map.entry("DELETE /notifications/push/subscriptions/{id}", READERS),
          Map.entry("GET /progress", READERS),
          Map.entry("GET /progress/{jobId}", READERS),
          Map.entry("POST /websocket/ticket", READERS),
          Map.entry("GET /status/{jobId}", READERS),
          Map.entry("POST /upload", WRITERS),
          Map.entry("GET /mapping", READERS),
          Map.entry("POST /mapping/suggest", READERS),
          Map.entry("GET /mapping/{jobId}", READERS),
          Map.entry("PUT /mapping/{jobId}", DRAFTERS),
          Map.entry("POST /mapping/{jobId}/submit", DRAFTERS),
          Map.entry("POST /mapping/{jobId}/approve", ADMINS),
          Map.entry("POST /mapping/{jobId}/reject", ADMINS),
          Map.entry("GET /templates", READERS),
          Map.entry("POST /templates", DRAFTERS),
          Map.entry("GET /templates/{templateId}", READERS),
          Map.entry("GET /templates/{templateId}/analytics", READERS),
          Map.entry("PUT /templates/{templateId}", DRAFTERS),
          Map.entry("POST /templates/{templateId}/archive", ADMINS),
          Map.entry("POST /templates/{templateId}/copy", DRAFTERS),
          Map.entry("GET /templates/{templateId}/versions", READERS),
          Map.entry("GET /templates/{templateId}/versions/{version}", READERS),
          Map.entry("POST /templates/{templateId}/versions/{version}/publish", ADMINS),
          Map.entry("POST /templates/{templateId}/versions/{version}/backtest", DRAFTERS),
          Map.entry("GET /templates/{templateId}/backtests/{backtestId}", READERS),
          Map.entry("GET /templates/{templateId}/diff", READERS),
          Map.entry("GET /templates/export", READERS),
          Map.entry("GET /templates/{templateId}/export", READERS),
          Map.entry("POST /templates/import", ADMINS),
          Map.entry("GET /template-proposals", READERS),
          Map.entry("GET /template-proposals/{proposalId}", READERS),
          Map.entry("PUT /template-proposals/{proposalId}", ADMINS),
          Map.entry("POST /template-proposals/{proposalId}/approve", ADMINS),
          Map.entry("POST /template-proposals/{proposalId}/reject", ADMINS),
          Map.entry("OPTIONS /upload/stream", WRITERS),
          Map.entry("POST /upload/stream", WRITERS),
          Map.entry("HEAD /upload/stream/{uploadId}", WRITERS),
          Map.entry("PATCH /upload/stream/{uploadId}", WRITERS),
          Map.entry("DELETE /upload/stream/{uploadId}", WRITERS),
          Map.entry("GET /upload/stream/{uploadId}", WRITERS),
          Map.entry("GET /webhooks", ADMINS),
          Map.entry("POST /webhooks", ADMINS),
          Map.entry("GET /webhooks/{webhookId}", ADMINS),
          Map.entry("PATCH /webhooks/{webhookId}", ADMINS),
          Map.entry("DELETE /webhooks/{webhookId}", ADMINS),
          Map.entry("POST /webhooks/{webhookId}/rotate-secret", ADMINS),
          Map.entry("POST /webhooks/{webhookId}/test", ADMINS),
          Map.entry("POST /webhooks/{webhookId}/recover", ADMINS),
          Map.entry("GET /webhooks/{webhookId}/messages", ADMINS),
          Map.entry("GET /jobs/{jobId}/webhook-deliveries", ADMINS),
          Map.entry("GET /webhooks/{webhookId}/messages/{messageId}", ADMINS),
          Map.entry("POST /webhooks/{webhookId}/messages/{messageId}/resend", ADMINS));

  private static String tenant;
  private static String jobId;
  private static String keyId;
  private static String webhookId;
  private static String messageId;
  private static String templateId;
  private static String uploadId;
  private static Map<String, Caller> badCallers;
  private static List<String> operations;

  /** How a caller presents itself. */
  private record Caller(String bearer, String apiKey) {
    Api.Call on(Api.Call call) {
      if (bearer != null) {
        call.bearer(bearer);
      }
      if (apiKey != null) {
        call.apiKey(apiKey);
      }
      return call;
    }
  }

  @BeforeAll
  static void setUp() {
    tenant = Tenants.fresh();
    jobId = Uploads.create(tenant, "matrix.csv", SampleFiles.csv(tenant)).path("id").asText();
    ApiResponse key =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", "matrix", "roles", List.of("viewer")))
            .send();
    assertEquals(201, key.status(), key::toString);
    keyId = key.json().path("key").path("id").asText();
    ApiResponse webhook =
        Api.post("/webhooks")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("url", "http://127.0.0.1:9/matrix", "eventTypes", List.of("job.failed")))
            .send();
    assertEquals(201, webhook.status(), webhook::toString);
    webhookId = webhook.json().path("webhook").path("id").asText();
    ApiResponse message =
        Api.post("/webhooks/" + webhookId + "/test").bearer(Tokens.of(tenant, "admin")).send();
    assertEquals(202, message.status(), message::toString);
    messageId = message.json().path("id").asText();
    templateId = TemplatesIT.create(tenant, "matrix").path("id").asText();
    ApiResponse upload =
        Api.post("/upload/stream")
            .bearer(Tokens.of(tenant, "member"))
            .header("Tus-Resumable", "1.0.0")
            .header("Upload-Length", "1000")
            .header("Upload-Metadata", "filename bWF0cml4LmNzdg==")
            .send();
    assertEquals(201, upload.status(), upload::toString);
    String location = upload.header("Location").orElseThrow();
    uploadId = location.substring(location.lastIndexOf('/') + 1);
    String revoked = revokedKey();
    badCallers = new LinkedHashMap<>();
    badCallers.put("anonymous", new Caller(null, null));
    badCallers.put("expired token", new Caller(Tokens.expired(tenant, "owner"), null));
    badCallers.put(
        "token for another audience",
        new Caller(Tokens.withAudiences(List.of("another-api"), tenant, "owner"), null));
    badCallers.put(
        "forged signature", new Caller(Tokens.signedByForeignKey(tenant, "owner"), null));
    badCallers.put("revoked API key", new Caller(null, revoked));
    operations = operations();
  }

  @Test
  void everyOperationHasARowInThePolicyTable() {
    Set<String> unknown = new TreeSet<>(operations);
    unknown.removeAll(POLICY.keySet());
    assertEquals(Set.of(), unknown, "operations without an authorization row");
    Set<String> gone = new TreeSet<>(POLICY.keySet());
    gone.removeAll(operations);
    assertEquals(Set.of(), gone, "rows for operations the API no longer has");
  }

  @Test
  void callersWithBadCredentialsAreRefusedEverywhereWith401() {
    List<String> wrong = new ArrayList<>();
    for (String operation : operations) {
      for (Map.Entry<String, Caller> caller : badCallers.entrySet()) {
        ApiResponse response = call(operation, caller.getValue());
        if (response.status() != 401 || !isProblem(response)) {
          wrong.add(operation + " as " + caller.getKey() + " -> " + response.status());
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyRoleIsAllowedOrRefusedAsThePolicySays() {
    List<String> wrong = new ArrayList<>();
    for (String operation : operations) {
      Set<String> allowed = POLICY.getOrDefault(operation, Set.of());
      for (String role : List.of("viewer", "member", "admin", "owner", "service", "operator")) {
        Caller caller =
            new Caller(
                role.equals("operator")
                    ? Tokens.operator()
                    : Tokens.bySubject("matrix-" + role, tenant, role),
                null);
        if (role.equals("member")) {
          caller = new Caller(Tokens.of(tenant, "member"), null); // the job's submitter
        }
        ApiResponse response = call(operation, caller);
        boolean refused = response.status() == 401 || response.status() == 403;
        if (response.status() >= 500
            || (allowed.contains(role) == refused)
            || (refused && !isProblem(response))) {
          wrong.add(operation + " as " + role + " -> " + response.status() + " " + brief(response));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void anotherTenantsAdminFindsNothingOfThisTenant() {
    String other = Tenants.fresh();
    Caller admin = new Caller(Tokens.of(other, "admin"), null);
    List<String> wrong = new ArrayList<>();
    for (String operation : operations) {
      if (!operation.contains("{")) {
        continue;
      }
      ApiResponse response = call(operation, admin);
      boolean adminsMay = POLICY.getOrDefault(operation, Set.of()).contains("admin");
      int expected = adminsMay ? 404 : 403;
      if (response.status() != expected) {
        wrong.add(operation + " -> " + response.status() + " " + brief(response));
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static ApiResponse call(String operation, Caller caller) {
    String[] parts = operation.split(" ", 2);
    String path =
        parts[1]
            .replace("{jobId}", jobId)
            .replace("{id}", keyId)
            .replace("{webhookId}", webhookId)
            .replace("{messageId}", messageId)
            .replace("{templateId}", templateId)
            .replace("{proposalId}", UUID.randomUUID().toString())
            .replace("{version}", "1")
            .replace("{uploadId}", uploadId)
            .replace("{tenantId}", tenant)
            .replace("{worker}", "matrix@nowhere")
            .replace("{backtestId}", UUID.randomUUID().toString())
            .replace("{operationId}", UUID.randomUUID().toString());
    if (operation.equals("DELETE /jobs/{jobId}")) {
      String fresh =
          Uploads.create(tenant, "matrix-delete.csv", SampleFiles.csv(UUID.randomUUID().toString()))
              .path("id")
              .asText();
      path = parts[1].replace("{jobId}", fresh);
    }
    if (operation.equals("GET /templates/{templateId}/diff")) {
      path += "?from=1&to=1";
    }
    Api.Call call = Api.call(parts[0], TestEnvironment.apiUri(path));
    caller.on(call);
    if (operation.contains(" /upload/stream")) {
      call.header("Tus-Resumable", "1.0.0");
    }
    switch (operation) {
      case "POST /upload" ->
          call.multipart(Multipart.file("matrix.csv", SampleFiles.csv(tenant + "-matrix")));
      case "PATCH /upload/stream/{uploadId}" ->
          call.header("Upload-Offset", "0").body("application/offset+octet-stream", new byte[0]);
      // The job is queued, not held: the submitter and admins get 409 (job_not_held), not 403.
      case "PUT /jobs/{jobId}/schedule" -> call.json(Map.of("scheduleAt", "2030-01-01T00:00:00Z"));
      case "POST /jobs/bulk" ->
          call.json(Map.of("action", "cancel", "jobIds", List.of(jobId), "dryRun", true));
      case "POST /admin/queue/pause", "POST /admin/queue/resume" ->
          call.json(Map.of("scope", "tenant", "tenantId", tenant));
      case "POST /admin/queue/dead-letters/requeue", "POST /admin/queue/dead-letters/purge" ->
          call.json(Map.of("jobIds", List.of(jobId)));
      // No worker of that name: the operator's command is answered 404 worker_not_found.
      case "POST /admin/workers/{worker}/commands" -> call.json(Map.of("command", "ping"));
      // A tenant of its own for each registration; the change leaves this one's tier as it is.
      case "POST /admin/tenants" -> call.json(Map.of("id", Tenants.fresh()));
      case "PATCH /admin/tenants/{tenantId}" -> call.json(Map.of("tier", "standard"));
      case "POST /api-keys" -> call.json(Map.of("name", "matrix-made", "roles", List.of("viewer")));
      case "POST /webhooks" -> call.json(Map.of("url", "http://127.0.0.1:9/matrix-made"));
      case "POST /templates", "PUT /templates/{templateId}" ->
          call.json(TemplatesIT.document("matrix-made", "src"));
      case "POST /templates/{templateId}/copy" -> call.json(Map.of());
      // An empty bundle: the import changes nothing whoever may make it.
      case "POST /templates/import" ->
          call.json(Map.of("formatVersion", 1, "templates", List.of()));
      // No proposal of that id: the admins get 404 template_proposal_not_found, not 403.
      case "PUT /template-proposals/{proposalId}" ->
          call.json(TemplatesIT.document("matrix-proposal", "src"));
      case "POST /template-proposals/{proposalId}/approve",
          "POST /template-proposals/{proposalId}/reject" ->
          call.json(Map.of());
      // No worker runs here: an empty profile is refused (400) before any worker is asked.
      case "POST /mapping/suggest" -> call.json(Map.of("columns", List.of()));
      case "PUT /mapping/{jobId}" -> call.json(Map.of("columns", Map.of("a", "caller")));
      case "POST /mapping/{jobId}/approve" -> call.json(Map.of());
      case "POST /mapping/{jobId}/reject" -> call.json(Map.of("reason", "matrix"));
      case "PATCH /webhooks/{webhookId}" -> call.json(Map.of("description", "matrix"));
      case "POST /webhooks/{webhookId}/rotate-secret" -> call.json(Map.of("overlapSeconds", 60));
      case "POST /webhooks/{webhookId}/recover" ->
          call.json(Map.of("since", "2026-01-01T00:00:00Z"));
      default -> {}
    }
    return call.send();
  }

  /** METHOD path (below /api/parser) of every operation the server documents. */
  private static List<String> operations() {
    ApiResponse response =
        Api.call("GET", TestEnvironment.serverUri("/openapi"))
            .header("Accept", "application/json")
            .send();
    assertEquals(200, response.status(), response::toString);
    List<String> found = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = response.json().path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      assertTrue(path.getKey().startsWith(API_PREFIX), path::getKey);
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (Set.of("get", "post", "put", "patch", "delete", "head", "options")
                    .contains(method)) {
                  found.add(
                      method.toUpperCase() + " " + path.getKey().substring(API_PREFIX.length()));
                }
              });
    }
    return found;
  }

  private static String revokedKey() {
    ApiResponse created =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", "revoked", "roles", List.of("viewer")))
            .send();
    assertEquals(201, created.status(), created::toString);
    ApiResponse revoked =
        Api.delete("/api-keys/" + created.json().path("key").path("id").asText())
            .bearer(Tokens.of(tenant, "admin"))
            .send();
    assertTrue(revoked.status() < 300, revoked::toString);
    return created.json().path("secret").asText();
  }

  private static boolean isProblem(ApiResponse response) {
    return response.contentType().startsWith("application/problem+json");
  }

  private static String brief(ApiResponse response) {
    String text = response.toString();
    return text.length() > 300 ? text.substring(0, 300) : text;
  }
}
