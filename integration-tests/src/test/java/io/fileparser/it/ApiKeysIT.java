package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysIT {

  @Test
  void createsKeyWhoseSecretIsShownOnlyInTheCreateAnswer() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(admin)
            .json(Map.of("name", "ci", "roles", List.of("service")))
            .send();

    assertEquals(201, response.status(), response::toString);
    JsonNode created = response.json();
    JsonNode key = created.path("key");
    String secret = created.path("secret").asText();
    assertTrue(secret.startsWith("fpk_"), created::toString);
    assertFalse(key.path("id").asText().isBlank(), created::toString);
    assertEquals("ci", key.path("name").asText());
    assertFalse(key.path("prefix").asText().isBlank(), created::toString);
    assertTrue(secret.contains(key.path("prefix").asText()), "the prefix identifies the secret");
    assertEquals(List.of("service"), texts(key.path("roles")));
    assertFalse(key.has("secret") || key.has("secretHash"), created::toString);

    ApiResponse list = Api.get("/api-keys").bearer(admin).send();
    assertEquals(200, list.status(), list::toString);
    assertEquals(List.of(key.path("id").asText()), ids(list.json()));
    assertFalse(list.text().contains(secret), "the list reveals the secret: " + list);
    list.json().path("items").forEach(item -> assertFalse(item.has("secret"), item::toString));
  }

  @Test
  void rolesDefaultToService() {
    JsonNode created = createKey(Tenants.fresh(), "admin", Map.of("name", "default-roles"));

    assertEquals(List.of("service"), texts(created.path("key").path("roles")));
  }

  @Test
  void keyAuthenticatesInEitherHeaderForItsOwnTenant() {
    String tenant = Tenants.fresh();
    JsonNode job = Uploads.create(tenant, "seen-by-key.csv", SampleFiles.csv("key-reads"));
    String secret = createKey(tenant, "admin", Map.of("name", "reader")).path("secret").asText();

    for (ApiResponse response :
        List.of(
            Api.get("/jobs").apiKey(secret).send(),
            Api.get("/jobs").header("Authorization", "ApiKey " + secret).send())) {
      assertEquals(200, response.status(), response::toString);
      assertEquals(job.path("id"), response.json().path("items").path(0).path("id"));
      assertEquals(1, response.json().path("items").size());
    }
  }

  @Test
  void serviceKeyUploadsIntoItsTenant() {
    String tenant = Tenants.fresh();
    String secret = createKey(tenant, "owner", Map.of("name", "ingest")).path("secret").asText();

    ApiResponse upload =
        Api.post("/upload")
            .apiKey(secret)
            .multipart(Multipart.file("via-key.csv", SampleFiles.csv("via-key")))
            .send();

    JsonNode job = Uploads.created(upload);
    ApiResponse status =
        Api.get("/status/" + job.path("id").asText()).bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(200, status.status(), status::toString);
    assertEquals(1, Database.count("jobs", tenant));
  }

  @Test
  void revokedKeyStopsWorkingAtOnce() {
    String tenant = Tenants.fresh();
    JsonNode created = createKey(tenant, "admin", Map.of("name", "short-lived"));
    String secret = created.path("secret").asText();
    assertEquals(200, Api.get("/jobs").apiKey(secret).send().status());

    ApiResponse revoke =
        Api.delete("/api-keys/" + created.path("key").path("id").asText())
            .bearer(Tokens.of(tenant, "admin"))
            .send();

    assertEquals(204, revoke.status(), revoke::toString);
    Problems.assertProblem(Api.get("/jobs").apiKey(secret).send(), 401, "invalid_api_key");
    Problems.assertProblem(
        Api.get("/jobs").header("Authorization", "ApiKey " + secret).send(),
        401,
        "invalid_api_key");
    Leftovers leftovers = Leftovers.watch(tenant);
    ApiResponse upload =
        Api.post("/upload")
            .apiKey(secret)
            .multipart(Multipart.file("late.csv", SampleFiles.csv("revoked")))
            .send();
    Problems.assertProblem(upload, 401, "invalid_api_key");
    leftovers.assertNone();
  }

  @Test
  void auditsCreationAndRevocationWithActorAndTarget() {
    String tenant = Tenants.fresh();
    String admin = Tokens.bySubject("alice", tenant, "admin");
    ApiResponse create = Api.post("/api-keys").bearer(admin).json(Map.of("name", "audited")).send();
    assertEquals(201, create.status(), create::toString);
    String keyId = create.json().path("key").path("id").asText();
    ApiResponse revoke = Api.delete("/api-keys/" + keyId).bearer(admin).send();
    assertEquals(204, revoke.status(), revoke::toString);

    List<Map<String, Object>> audit = Database.auditRecords(tenant);
    assertEquals(2, audit.size(), audit::toString);
    assertAudit(audit.get(0), tenant, "api_key.created", keyId);
    assertAudit(audit.get(1), tenant, "api_key.revoked", keyId);
  }

  @Test
  void auditLogRefusesUpdateAndDelete() throws SQLException {
    String tenant = Tenants.fresh();
    createKey(tenant, "admin", Map.of("name", "append-only"));
    assertEquals(1, Database.auditRecords(tenant).size());

    try (Connection db = Database.connect()) {
      assertThrows(
          SQLException.class,
          () -> execute(db, "update audit_log set actor = 'mallory' where tenant_id = ?", tenant));
      assertThrows(
          SQLException.class,
          () -> execute(db, "delete from audit_log where tenant_id = ?", tenant));
    }

    List<Map<String, Object>> audit = Database.auditRecords(tenant);
    assertEquals(1, audit.size());
    assertFalse(audit.get(0).get("actor").toString().contains("mallory"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"viewer", "member", "service"})
  void onlyAdminsAndOwnersManageKeys(String role) {
    String tenant = Tenants.fresh();
    String keyId =
        createKey(tenant, "admin", Map.of("name", "existing")).path("key").path("id").asText();
    String token = Tokens.of(tenant, role);

    Problems.assertProblem(Api.get("/api-keys").bearer(token).send(), 403, "forbidden");
    Problems.assertProblem(
        Api.post("/api-keys").bearer(token).json(Map.of("name", "mine")).send(), 403, "forbidden");
    Problems.assertProblem(Api.delete("/api-keys/" + keyId).bearer(token).send(), 403, "forbidden");
    assertEquals(1, Database.count("api_keys", tenant));
  }

  @Test
  void serviceKeyCannotManageKeys() {
    String tenant = Tenants.fresh();
    String secret = createKey(tenant, "admin", Map.of("name", "svc")).path("secret").asText();

    Problems.assertProblem(Api.get("/api-keys").apiKey(secret).send(), 403, "forbidden");
    Problems.assertProblem(
        Api.post("/api-keys").apiKey(secret).json(Map.of("name", "escalate")).send(),
        403,
        "forbidden");
  }

  @Test
  void adminCannotGrantOwner() {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", "too-strong", "roles", List.of("owner")))
            .send();

    Problems.assertProblem(response, 403, "role_not_grantable");
    assertEquals(0, Database.count("api_keys", tenant));
    assertEquals(List.of(), Database.auditRecords(tenant));
  }

  @Test
  void ownerMayGrantOwnerAndAdmin() {
    JsonNode created =
        createKey(
            Tenants.fresh(),
            "owner",
            Map.of("name", "delegate", "roles", List.of("owner", "admin")));

    assertEquals(
        List.of("admin", "owner"),
        texts(created.path("key").path("roles")).stream().sorted().toList());
  }

  @Test
  void unknownRoleIsRefused() {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "owner"))
            .json(Map.of("name", "odd", "roles", List.of("superuser")))
            .send();

    Problems.assertProblem(response, 400, "invalid_request");
    assertEquals(0, Database.count("api_keys", tenant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"name\":\"\"}", "{\"name\":\"   \"}"})
  void keyWithoutNameIsRefused(String body) {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/api-keys").bearer(Tokens.of(tenant, "admin")).json(body).send();

    Problems.assertProblem(response, 400, "invalid_request");
    assertEquals(0, Database.count("api_keys", tenant));
  }

  @Test
  void anotherTenantsKeyIsNotFoundAndKeepsWorking() {
    String tenant = Tenants.fresh();
    JsonNode created = createKey(tenant, "admin", Map.of("name", "not-yours"));

    ApiResponse response =
        Api.delete("/api-keys/" + created.path("key").path("id").asText())
            .bearer(Tokens.of(Tenants.fresh(), "owner"))
            .send();

    Problems.assertProblem(response, 404, "api_key_not_found");
    assertEquals(200, Api.get("/jobs").apiKey(created.path("secret").asText()).send().status());
  }

  @Test
  void unknownKeyIsNotFound() {
    ApiResponse response =
        Api.delete("/api-keys/" + UUID.randomUUID())
            .bearer(Tokens.of(Tenants.fresh(), "admin"))
            .send();

    Problems.assertProblem(response, 404, "api_key_not_found");
  }

  @Test
  void listShowsOnlyTheCallersTenantsKeys() {
    String mine = Tenants.fresh();
    String theirs = Tenants.fresh();
    String myKey = createKey(mine, "admin", Map.of("name", "mine")).path("key").path("id").asText();
    createKey(theirs, "admin", Map.of("name", "theirs"));

    ApiResponse list = Api.get("/api-keys").bearer(Tokens.of(mine, "owner")).send();

    assertEquals(List.of(myKey), ids(list.json()));
  }

  @Test
  void keyWithExpiryShowsItAndStopsWorkingOnceExpired() {
    String tenant = Tenants.fresh();
    Instant expiry = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
    JsonNode created =
        createKey(tenant, "admin", Map.of("name", "short", "expiresAt", expiry.toString()));
    String secret = created.path("secret").asText();
    assertEquals(expiry, Instant.parse(created.path("key").path("expiresAt").asText()));
    assertEquals(200, Api.get("/jobs").apiKey(secret).send().status());
    JsonNode listed = Api.get("/api-keys").bearer(Tokens.of(tenant, "admin")).send().json();
    assertEquals(expiry, Instant.parse(listed.path("items").path(0).path("expiresAt").asText()));

    Jobs.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 500);

    Problems.assertProblem(Api.get("/jobs").apiKey(secret).send(), 401, "invalid_api_key");
    Problems.assertProblem(
        Api.get("/jobs").header("Authorization", "ApiKey " + secret).send(),
        401,
        "invalid_api_key");
    Leftovers leftovers = Leftovers.watch(tenant);
    ApiResponse upload =
        Api.post("/upload")
            .apiKey(secret)
            .multipart(Multipart.file("late.csv", SampleFiles.csv("expired-key")))
            .send();
    Problems.assertProblem(upload, 401, "invalid_api_key");
    leftovers.assertNone();
  }

  @Test
  void keyWithoutExpiryShowsNone() {
    JsonNode created = createKey(Tenants.fresh(), "admin", Map.of("name", "forever"));

    assertFalse(created.path("key").has("expiresAt"), created::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2020-01-01T00:00:00Z", "past"})
  void expiryThatIsNotInTheFutureIsRefused(String when) {
    String tenant = Tenants.fresh();
    String expiresAt = when.equals("past") ? Instant.now().minusSeconds(60).toString() : when;
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", "stale", "expiresAt", expiresAt))
            .send();

    Problems.assertProblem(response, 400, "invalid_request");
    assertEquals(0, Database.count("api_keys", tenant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"tomorrow\"", "\"2027-13-01T00:00:00Z\"", "[1]", "{}"})
  void unreadableExpiryIsRefused(String expiresAt) {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "admin"))
            .json("{\"name\":\"odd\",\"expiresAt\":" + expiresAt + "}")
            .send();

    assertEquals(400, response.status(), response::toString);
    assertTrue(
        response.contentType().startsWith("application/problem+json"), response::contentType);
    assertEquals(0, Database.count("api_keys", tenant));
  }

  @Test
  void listShowsWhenAKeyWasLastUsedWrittenAtMostOnceAMinute() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    String secret = createKey(tenant, "admin", Map.of("name", "busy")).path("secret").asText();
    assertFalse(onlyKey(admin).has("lastUsedAt"), "never used yet");

    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    assertEquals(200, Api.get("/jobs").apiKey(secret).send().status());
    Instant after = Instant.now().plusSeconds(1);
    Instant lastUsed = Instant.parse(onlyKey(admin).path("lastUsedAt").asText());
    assertTrue(!lastUsed.isBefore(before) && lastUsed.isBefore(after), lastUsed::toString);

    for (int i = 0; i < 5; i++) {
      assertEquals(200, Api.get("/jobs").apiKey(secret).send().status());
    }
    assertEquals(lastUsed, Instant.parse(onlyKey(admin).path("lastUsedAt").asText()));
  }

  @Test
  void adminCannotRevokeAnOwnersKeyButAnOwnerCan() {
    String tenant = Tenants.fresh();
    JsonNode created =
        createKey(tenant, "owner", Map.of("name", "owners", "roles", List.of("owner")));
    String keyId = created.path("key").path("id").asText();
    String secret = created.path("secret").asText();

    ApiResponse byAdmin =
        Api.delete("/api-keys/" + keyId).bearer(Tokens.of(tenant, "admin")).send();

    Problems.assertProblem(byAdmin, 403, "forbidden");
    assertEquals(200, Api.get("/jobs").apiKey(secret).send().status(), "still works");
    assertEquals(1, Database.auditRecords(tenant).size(), "only the creation is audited");
    ApiResponse byOwner =
        Api.delete("/api-keys/" + keyId).bearer(Tokens.of(tenant, "owner")).send();
    assertEquals(204, byOwner.status(), byOwner::toString);
    Problems.assertProblem(Api.get("/jobs").apiKey(secret).send(), 401, "invalid_api_key");
  }

  @Test
  void adminApiKeyCannotRevokeAnOwnersKeyEither() {
    String tenant = Tenants.fresh();
    String ownersKey =
        createKey(tenant, "owner", Map.of("name", "owners", "roles", List.of("owner")))
            .path("key")
            .path("id")
            .asText();
    String adminSecret =
        createKey(tenant, "owner", Map.of("name", "admins", "roles", List.of("admin")))
            .path("secret")
            .asText();

    Problems.assertProblem(
        Api.delete("/api-keys/" + ownersKey).apiKey(adminSecret).send(), 403, "forbidden");
  }

  @Test
  void adminRevokesAServiceKeyAnOwnerCreated() {
    String tenant = Tenants.fresh();
    JsonNode created = createKey(tenant, "owner", Map.of("name", "svc-by-owner"));

    ApiResponse revoke =
        Api.delete("/api-keys/" + created.path("key").path("id").asText())
            .bearer(Tokens.of(tenant, "admin"))
            .send();

    assertEquals(204, revoke.status(), revoke::toString);
  }

  private static JsonNode onlyKey(String adminToken) {
    ApiResponse list = Api.get("/api-keys").bearer(adminToken).send();
    assertEquals(200, list.status(), list::toString);
    assertEquals(1, list.json().path("items").size(), list::toString);
    return list.json().path("items").path(0);
  }

  private static JsonNode createKey(String tenant, String role, Map<String, Object> request) {
    ApiResponse response =
        Api.post("/api-keys").bearer(Tokens.of(tenant, role)).json(request).send();
    assertEquals(201, response.status(), () -> "creating a key answered " + response);
    return response.json();
  }

  private static void assertAudit(
      Map<String, Object> record, String tenant, String action, String keyId) {
    assertEquals(tenant, record.get("tenant_id"), record::toString);
    assertEquals(action, record.get("action"), record::toString);
    assertEquals("api_key", record.get("target_type"), record::toString);
    assertEquals(keyId, record.get("target_id"), record::toString);
    assertTrue(record.get("actor").toString().contains("alice"), record::toString);
    assertTrue(record.get("occurred_at") != null, record::toString);
  }

  private static void execute(Connection db, String sql, String tenant) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, tenant);
      statement.executeUpdate();
    }
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
