package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The platform operator, distinct from a tenant's admin: {@code GET /admin/workers} shows host
 * names, load and every tenant's work, so only the operator sees it, and the operator sees no
 * tenant's data.
 */
class OperatorIT {

  @Test
  void operatorSeesTheWorkersWithTheirHostsAndLoad() {
    try (Workers worker = Workers.start()) {
      JsonNode seen = null;
      long deadline = System.currentTimeMillis() + 30_000;
      while (seen == null && System.currentTimeMillis() < deadline) {
        ApiResponse response = Api.get("/admin/workers").bearer(Tokens.operator()).send();
        assertEquals(200, response.status(), response::toString);
        for (JsonNode item : response.json().path("items")) {
          if (item.path("hostname").asText().contains(worker.name())) {
            seen = item;
          }
        }
        if (seen == null) {
          Jobs.sleep(500);
        }
      }

      assertTrue(seen != null, "worker " + worker.name() + " never appeared");
      assertTrue(seen.path("alive").asBoolean(), seen::toString);
      assertTrue(seen.has("loadavg") && seen.has("active"), seen::toString);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "owner", "member", "viewer", "service"})
  void noTenantRoleSeesTheWorkers(String role) {
    ApiResponse response =
        Api.get("/admin/workers").bearer(Tokens.of(Tenants.fresh(), role)).send();

    Problems.assertProblem(response, 403, "forbidden");
  }

  @Test
  void anOwnersApiKeySeesNoWorkers() {
    String tenant = Tenants.fresh();
    ApiResponse created =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "owner"))
            .json(Map.of("name", "strong", "roles", List.of("owner", "admin")))
            .send();
    assertEquals(201, created.status(), created::toString);

    ApiResponse response =
        Api.get("/admin/workers").apiKey(created.json().path("secret").asText()).send();

    Problems.assertProblem(response, 403, "forbidden");
  }

  @Test
  void noOneGrantsTheOperatorRoleToAnApiKey() {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(Tokens.of(tenant, "owner"))
            .json(Map.of("name", "platform", "roles", List.of("operator")))
            .send();

    Problems.assertProblem(response, 403, "role_not_grantable");
    assertEquals(0, Database.count("api_keys", tenant));
  }

  @Test
  void operatorReadsNoTenantsData() {
    String tenant = Tenants.fresh();
    JsonNode job = Uploads.create(tenant, "private.csv", SampleFiles.csv("operator"));
    String operatorOfTenant = Tokens.of(tenant, "operator");

    for (String token : List.of(Tokens.operator(), operatorOfTenant)) {
      Problems.assertProblem(Api.get("/jobs").bearer(token).send(), 403, "forbidden");
      Problems.assertProblem(
          Api.get("/status/" + job.path("id").asText()).bearer(token).send(), 403, "forbidden");
      Problems.assertProblem(Api.get("/api-keys").bearer(token).send(), 403, "forbidden");
      Problems.assertProblem(
          Uploads.multipart(token, Multipart.file("o.csv", SampleFiles.csv("operator-upload"))),
          403,
          "forbidden");
    }
  }

  @Test
  void workersNeedCredentials() {
    Problems.assertProblem(Api.get("/admin/workers").send(), 401, "authentication_required");
  }
}
