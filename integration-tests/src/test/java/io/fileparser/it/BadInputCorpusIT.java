package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.it.HostileRequest.Expected;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: hundreds of malformed or hostile requests across every operation, each
 * answered with a 4xx problem document (never a 5xx, never a 2xx, never a hang) and leaving nothing
 * stored. The generic part is derived from the served OpenAPI document, so a new operation or
 * parameter is covered without a new case; the hand-written part goes where only knowledge of an
 * operation helps (multipart, compression, cursors, key bodies, the HTTP layer itself).
 *
 * <p>All requests are sent byte for byte over a socket: a client library would correct or refuse
 * half of them. Requests the HTTP layer cannot read (no Host, a broken chunk size, a NUL in the
 * path) are refused by the container with a bare 400 before the application exists for them; the
 * cases that may meet that say so, and are still held to a 4xx within the timeout.
 */
class BadInputCorpusIT {

  /** How long a refused request may leave something behind while the server cleans up. */
  private static final long CLEAN_UP_MILLIS = 10_000;

  private static final String PROBLEM_TYPE_PREFIX = "urn:fileparser:problem:";

  private static CorpusCallers callers;
  private static final List<String> refusedByContainer = new ArrayList<>();

  static Stream<HostileRequest> corpus() {
    callers = CorpusCallers.forFreshTenant();
    List<HostileRequest> all = new ArrayList<>();
    all.addAll(OperationCorpus.from(openApi(), callers));
    all.addAll(UploadCorpus.cases(callers));
    all.addAll(FileCorpus.cases(callers));
    all.addAll(TransportCorpus.cases(callers));
    all.addAll(RequestCorpus.cases(callers, anotherTenantsCursor()));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isRefusedWithAProblemAndLeavesNothingStored(HostileRequest request) throws IOException {
    Leftovers leftovers = Leftovers.watch(callers.tenant());
    Map<String, Long> keysAndAuditBefore = keysAndAudit(callers.tenant());
    URI server = TestEnvironment.baseUri();

    Optional<ApiResponse> answer;
    try {
      answer = request.send(server);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer in time (the server hangs): " + request, e);
    }

    try {
      if (answer.isEmpty()) {
        assertTrue(request.expected().mayGoUnanswered(), "the server closed without an answer");
      } else {
        assertAnswer(answer.get(), request);
      }
      assertNothingStored(leftovers, keysAndAuditBefore);
    } catch (AssertionError e) {
      throw new AssertionError(request + ": " + e.getMessage(), e);
    }
  }

  /** After the whole corpus the server still answers, and the tenant owns nothing at all. */
  @AfterAll
  static void theServerStillAnswersAndTheCorpusTenantOwnsNothing() {
    if (!refusedByContainer.isEmpty()) {
      System.out.println(
          "Refused by the HTTP layer with a bare 4xx, before the application: "
              + refusedByContainer);
    }
    if (callers == null) {
      return; // the corpus did not run (filtered out)
    }
    ApiResponse list = Api.get("/jobs").bearer(callers.owner()).send();
    assertEquals(200, list.status(), list::toString);
    assertEquals(0, list.json().path("items").size(), list::toString);
    for (String table :
        List.of("stored_files", "jobs", "idempotency_keys", "api_keys", "audit_log")) {
      assertEquals(0, Database.count(table, callers.tenant()), table + " of the corpus tenant");
    }
    assertTrue(FileStore.tenantFiles(callers.tenant()).isEmpty(), "stored files of the corpus");
  }

  private static void assertAnswer(ApiResponse response, HostileRequest request) {
    Expected expected = request.expected();
    int status = response.status();
    if (expected.mayFindNothing() && status == 200) {
      assertEquals(0, response.json().path("items").size(), () -> "found something: " + response);
      return;
    }
    assertTrue(status >= 400 && status < 500, () -> "not a 4xx: " + response);
    if (response.body().length == 0 && expected.mayBeRefusedByContainer()) {
      refusedByContainer.add(status + " " + request);
      return;
    }
    assertTrue(
        response.contentType().startsWith("application/problem+json"),
        () -> "Content-Type " + response.contentType() + " of " + response);
    JsonNode problem = response.json();
    String type = problem.path("type").asText();
    assertTrue(type.startsWith(PROBLEM_TYPE_PREFIX), () -> "type of " + response);
    assertEquals(
        type.substring(PROBLEM_TYPE_PREFIX.length()),
        problem.path("code").asText(),
        () -> "code of " + response);
    assertEquals(status, problem.path("status").asInt(), () -> "status member of " + response);
    assertFalse(problem.path("title").asText().isBlank(), () -> "title of " + response);
    if (expected.status() != 0) {
      assertEquals(expected.status(), status, () -> "status of " + response);
    }
    if (expected.code() != null) {
      assertEquals(expected.code(), problem.path("code").asText(), () -> "code of " + response);
    }
  }

  /** Nothing new, allowing the server a moment to finish cleaning up after a broken request. */
  private static void assertNothingStored(Leftovers leftovers, Map<String, Long> keysAndAudit) {
    long deadline = System.currentTimeMillis() + CLEAN_UP_MILLIS;
    while (true) {
      try {
        leftovers.assertNone();
        assertEquals(keysAndAudit, keysAndAudit(callers.tenant()), "API keys and audit");
        return;
      } catch (AssertionError | java.io.UncheckedIOException e) {
        // a staged part may vanish while the store is walked: look again
        if (System.currentTimeMillis() > deadline) {
          throw e instanceof AssertionError a ? a : new AssertionError(e);
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  private static Map<String, Long> keysAndAudit(String tenant) {
    return Database.counts(tenant, List.of("api_keys", "audit_log"));
  }

  private static JsonNode openApi() {
    ApiResponse response =
        Api.call("GET", TestEnvironment.serverUri("/openapi"))
            .header("Accept", "application/json")
            .send();
    assertEquals(200, response.status(), response::toString);
    return response.json();
  }

  /** The {@code next} cursor of another tenant's job list of two jobs. */
  private static String anotherTenantsCursor() {
    String other = Tenants.fresh();
    Uploads.create(other, "first.csv", SampleFiles.csv(other + "-1"));
    Uploads.create(other, "second.csv", SampleFiles.csv(other + "-2"));
    ApiResponse page = Api.get("/jobs?limit=1").bearer(Tokens.of(other, "viewer")).send();
    assertEquals(200, page.status(), page::toString);
    String next = page.json().path("next").asText();
    assertFalse(next.isBlank(), page::toString);
    return next;
  }
}
