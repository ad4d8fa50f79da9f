package io.fileparser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fileparser.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemsTest {

  @Test
  void bodyHasTheStandardMembersAndTheCode() {
    Map<String, Object> body =
        Problems.body(ProblemType.JOB_NOT_FOUND, "no job 42", "/api/parser/jobs/42", Map.of());

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("type", "urn:fileparser:problem:job_not_found");
    expected.put("title", "Job not found");
    expected.put("status", 404);
    expected.put("detail", "no job 42");
    expected.put("instance", "/api/parser/jobs/42");
    expected.put("code", "job_not_found");
    assertEquals(expected, body);
  }

  @Test
  void standardMembersComeFirstInTheirUsualOrder() {
    Map<String, Object> body =
        Problems.body(ProblemType.FILE_TOO_LARGE, "too big", "/x", Map.of("maxBytes", 10L));

    assertEquals(
        List.of("type", "title", "status", "detail", "instance", "code", "maxBytes"),
        List.copyOf(body.keySet()));
  }

  @Test
  void detailAndInstanceAreOmittedWhenNull() {
    Map<String, Object> body = Problems.body(ProblemType.FORBIDDEN, null, null, Map.of());

    assertFalse(body.containsKey("detail"));
    assertFalse(body.containsKey("instance"));
    assertEquals(
        Map.of(
            "type", "urn:fileparser:problem:forbidden",
            "title", "Not allowed",
            "status", 403,
            "code", "forbidden"),
        body);
  }

  @Test
  void extensionsAreAdded() {
    Map<String, Object> body =
        Problems.body(
            ProblemType.UNSUPPORTED_FORMAT,
            "the content is image/png",
            null,
            Map.of("detectedType", "image/png"));

    assertEquals("image/png", body.get("detectedType"));
  }

  @Test
  void extensionsNeverOverrideTheStandardMembers() {
    Map<String, Object> body =
        Problems.body(
            ProblemType.INVALID_CURSOR,
            "real detail",
            "/real",
            Map.of(
                "type", "urn:evil",
                "title", "Evil",
                "status", 200,
                "detail", "fake detail",
                "instance", "/fake",
                "code", "ok"));

    assertEquals("urn:fileparser:problem:invalid_cursor", body.get("type"));
    assertEquals("Invalid cursor", body.get("title"));
    assertEquals(400, body.get("status"));
    assertEquals("real detail", body.get("detail"));
    assertEquals("/real", body.get("instance"));
    assertEquals("invalid_cursor", body.get("code"));
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_REQUEST",
    "401, AUTHENTICATION_REQUIRED",
    "403, FORBIDDEN",
    "404, NOT_FOUND",
    "405, METHOD_NOT_ALLOWED",
    "406, NOT_ACCEPTABLE",
    "413, FILE_TOO_LARGE",
    "415, UNSUPPORTED_MEDIA_TYPE",
    "500, INTERNAL_ERROR",
    "502, INTERNAL_ERROR",
    "503, SERVICE_UNAVAILABLE",
    "504, INTERNAL_ERROR"
  })
  void bareStatusMapsToItsProblemType(int status, ProblemType expected) {
    assertEquals(expected, Problems.forStatus(status));
  }
}
