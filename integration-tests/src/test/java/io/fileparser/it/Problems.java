package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem details, the one error format of the API. */
final class Problems {

  private Problems() {}

  /**
   * Asserts that the answer is {@code application/problem+json} with this status and code, and
   * every member the API promises; returns the problem for further checks.
   */
  static JsonNode assertProblem(ApiResponse response, int status, String code) {
    assertEquals(status, response.status(), () -> "status of " + response);
    assertTrue(
        response.contentType().startsWith("application/problem+json"),
        () -> "Content-Type " + response.contentType() + " of " + response);
    JsonNode problem = response.json();
    assertEquals(code, problem.path("code").asText(), () -> "code of " + response);
    assertEquals(
        "urn:fileparser:problem:" + code, problem.path("type").asText(), () -> "type: " + response);
    assertEquals(status, problem.path("status").asInt(), () -> "status member of " + response);
    assertFalse(problem.path("title").asText().isBlank(), () -> "title of " + response);
    assertFalse(problem.path("detail").asText().isBlank(), () -> "detail of " + response);
    assertFalse(problem.path("instance").asText().isBlank(), () -> "instance of " + response);
    return problem;
  }
}
