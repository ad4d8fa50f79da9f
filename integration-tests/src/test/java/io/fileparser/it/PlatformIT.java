package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformIT {

  private static final List<String> API_PATHS =
      List.of(
          "/api/parser/upload",
          "/api/parser/status/{jobId}",
          "/api/parser/jobs",
          "/api/parser/api-keys");

  @Test
  void isReadyWithItsDatabaseCheckUp() {
    ApiResponse response = Api.call("GET", TestEnvironment.serverUri("/health/ready")).send();

    assertEquals(200, response.status(), response::toString);
    JsonNode health = response.json();
    assertEquals("UP", health.path("status").asText(), response::toString);
    for (String name : new String[] {"database", "broker", "virus-scanner"}) {
      JsonNode check = check(health, name);
      assertEquals("UP", check.path("status").asText(), health::toString);
      assertTrue(
          check.path("data").isMissingNode() || check.path("data").isEmpty(),
          () -> "the anonymous readiness check tells up or down, nothing more: " + check);
    }
  }

  @Test
  void theOperatorReadsEachDependencyInDetail() {
    ApiResponse response = Api.get("/admin/health").bearer(Tokens.operator()).send();

    assertEquals(200, response.status(), response::toString);
    JsonNode report = response.json();
    assertTrue(report.path("up").asBoolean(), report::toString);
    JsonNode first = report.path("dependencies").get(0);
    assertEquals("database", first.path("name").asText(), report::toString);
    assertTrue(first.path("details").has("schemaVersion"), report::toString);
  }

  @Test
  void nobodyButTheOperatorReadsTheDetails() {
    String tenant = Tenants.fresh();
    for (String role : new String[] {"viewer", "member", "admin", "owner", "service"}) {
      Problems.assertProblem(
          Api.get("/admin/health").bearer(Tokens.of(tenant, role)).send(), 403, "forbidden");
    }
    Problems.assertProblem(Api.get("/admin/health").send(), 401, "authentication_required");
  }

  @Test
  void isLive() {
    ApiResponse response = Api.call("GET", TestEnvironment.serverUri("/health/live")).send();

    assertEquals(200, response.status(), response::toString);
    assertEquals("UP", response.json().path("status").asText(), response::toString);
  }

  @Test
  void openApiDocumentDescribesEveryEndpoint() {
    ApiResponse response =
        Api.call("GET", TestEnvironment.serverUri("/openapi"))
            .header("Accept", "application/json")
            .send();

    assertEquals(200, response.status(), response::toString);
    List<String> paths = new ArrayList<>();
    response.json().path("paths").fieldNames().forEachRemaining(paths::add);
    assertTrue(paths.containsAll(API_PATHS), () -> "documented paths: " + paths);
  }

  @Test
  void openApiYamlNamesEveryEndpoint() {
    ApiResponse response = Api.call("GET", TestEnvironment.serverUri("/openapi")).send();

    assertEquals(200, response.status(), response::toString);
    for (String path : API_PATHS) {
      assertTrue(response.text().contains(path + ":"), () -> path + " missing in\n" + response);
    }
  }

  @Test
  void unknownApiPathIsProblemNotFound() {
    ApiResponse response = Api.get("/nope").bearer(Tokens.of(Tenants.fresh(), "viewer")).send();

    JsonNode problem = Problems.assertProblem(response, 404, "not_found");
    assertEquals("/api/parser/nope", problem.path("instance").asText());
  }

  @Test
  void problemInstanceNamesTheRequestedPath() {
    ApiResponse response =
        Api.get("/jobs?limit=0").bearer(Tokens.of(Tenants.fresh(), "viewer")).send();

    JsonNode problem = Problems.assertProblem(response, 400, "invalid_request");
    assertTrue(problem.path("instance").asText().startsWith("/api/parser/jobs"), problem::toString);
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (name.equals(check.path("name").asText())) {
        return check;
      }
    }
    throw new AssertionError("no check named " + name + " in " + health);
  }
}
