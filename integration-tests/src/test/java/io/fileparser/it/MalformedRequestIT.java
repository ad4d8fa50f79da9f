package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the API cannot read are answered with problems that say what is wrong in the client's
 * terms (field, line, column) and never name the server's classes, packages or libraries.
 */
class MalformedRequestIT {

  /** A qualified Java name, or a package prefix of the platform, the libraries or our own code. */
  private static final Pattern INTERNAL_NAME =
      Pattern.compile(
          "[a-z]+\\.[a-z]+\\.[A-Z]|com\\.fasterxml|(?i:jackson)|java\\.|jakarta\\.|io\\.fileparser"
              + "|org\\.(glassfish|eclipse|hibernate|apache)");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": 5, \"roles\": \"x\"}",
        "{\"name\": \"ci\", \"roles\": \"service\"}",
        "{\"name\": \"ci\", \"roles\": [{\"a\": 1}]}",
        "{\"name\": [\"ci\"]}",
        "{\"name\": {\"first\": \"ci\"}}",
        "{\"name\": \"ci\", \"colour\": \"red\"}",
        "{\"name\": \"ci\",}",
        "{\"name\": \"ci\"",
        "{name: \"ci\"}",
        "[\"ci\"]",
        "\"ci\"",
        "nul"
      })
  void malformedJsonIsExplainedWithoutNamingCode(String body) {
    ApiResponse response = createKey(body);

    JsonNode problem = Problems.assertProblem(response, 400, "malformed_json");
    assertNamesNoCode(response);
    assertFalse(problem.path("detail").asText().isBlank(), response::toString);
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    ApiResponse response = createKey("{\n  \"name\": \"ci\",\n  \"roles\": [\"service\",]\n}");

    JsonNode problem = Problems.assertProblem(response, 400, "malformed_json");
    assertEquals(3, problem.path("line").asInt(), response::toString);
    assertTrue(problem.path("column").asInt() > 0, response::toString);
    assertNamesNoCode(response);
  }

  @Test
  void aValueOfTheWrongKindNamesTheField() {
    ApiResponse response = createKey("{\"name\": \"ci\", \"roles\": \"service\"}");

    JsonNode problem = Problems.assertProblem(response, 400, "malformed_json");
    assertEquals("roles", problem.path("field").asText(), response::toString);
    assertTrue(problem.path("detail").asText().contains("'roles'"), response::toString);
  }

  @Test
  void anUnknownFieldIsNamedWithTheKnownOnes() {
    ApiResponse response = createKey("{\"name\": \"ci\", \"colour\": \"red\"}");

    JsonNode problem = Problems.assertProblem(response, 400, "malformed_json");
    assertEquals("colour", problem.path("field").asText(), response::toString);
    String detail = problem.path("detail").asText();
    assertTrue(detail.contains("name") && detail.contains("roles"), response::toString);
  }

  @Test
  void deeplyNestedJsonIsRefusedAsMalformed() {
    ApiResponse response = createKey("{\"name\": " + "[".repeat(5000) + "]".repeat(5000) + "}");

    Problems.assertProblem(response, 400, "malformed_json");
    assertNamesNoCode(response);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"\"}",
        "{\"name\": \"ci\", \"roles\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}"
      })
  void invalidValuesNameTheFieldWithoutCode(String body) {
    ApiResponse response = createKey(body);

    JsonNode problem = Problems.assertProblem(response, 400, "invalid_request");
    assertNamesNoCode(response);
    String field = problem.path("violations").path(0).path("field").asText();
    assertTrue(field.equals("name") || field.equals("roles"), response::toString);
  }

  @Test
  void aBodyOfAnotherMediaTypeIsRefusedWithoutNamingCode() {
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(Tokens.of(Tenants.fresh(), "admin"))
            .body("text/plain", "name=ci".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .send();

    Problems.assertProblem(response, 415, "unsupported_media_type");
    assertNamesNoCode(response);
  }

  @Test
  void aResultPageInAMediaTypeWeDoNotWriteIsRefusedWithoutNamingCode() {
    ApiResponse response =
        Api.get("/jobs")
            .bearer(Tokens.of(Tenants.fresh(), "viewer"))
            .header("Accept", "image/png")
            .send();

    Problems.assertProblem(response, 406, "not_acceptable");
    assertNamesNoCode(response);
  }

  private static ApiResponse createKey(String body) {
    return Api.post("/api-keys").bearer(Tokens.of(Tenants.fresh(), "admin")).json(body).send();
  }

  private static void assertNamesNoCode(ApiResponse response) {
    assertFalse(
        INTERNAL_NAME.matcher(response.text()).find(),
        () -> "the problem names internal code: " + response);
  }
}
