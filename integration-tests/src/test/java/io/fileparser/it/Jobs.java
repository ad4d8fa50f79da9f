package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/** Following jobs over the API until they reach a state. */
final class Jobs {

  private Jobs() {}

  static JsonNode status(String token, String jobId) {
    ApiResponse response = Api.get("/status/" + jobId).bearer(token).send();
    assertEquals(200, response.status(), () -> "status answered " + response);
    return response.json();
  }

  static JsonNode awaitState(String token, String jobId, String state, Duration timeout) {
    return await(token, jobId, job -> job.path("state").asText().equals(state), timeout, state);
  }

  /** Waits for any terminal state and returns the job. */
  static JsonNode awaitFinished(String token, String jobId, Duration timeout) {
    Set<String> terminal = Set.of("COMPLETED", "FAILED", "CANCELLED", "DEAD_LETTERED");
    return await(
        token, jobId, job -> terminal.contains(job.path("state").asText()), timeout, "finished");
  }

  static JsonNode await(
      String token, String jobId, Predicate<JsonNode> condition, Duration timeout, String what) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode job = status(token, jobId);
    while (!condition.test(job)) {
      if (Instant.now().isAfter(deadline)) {
        fail("job " + jobId + " not " + what + " within " + timeout + ": " + job);
      }
      sleep(200);
      job = status(token, jobId);
    }
    return job;
  }

  /** The job's whole history, read page by page (afterSeq = the previous page's next). */
  static JsonNode history(String token, String jobId) {
    com.fasterxml.jackson.databind.node.ArrayNode all =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    String after = "0";
    do {
      ApiResponse response =
          Api.get("/jobs/" + jobId + "/history?limit=10&afterSeq=" + after).bearer(token).send();
      assertEquals(200, response.status(), () -> "history answered " + response);
      response.json().path("items").forEach(all::add);
      JsonNode next = response.json().path("next");
      after = next.isNull() || next.isMissingNode() ? null : next.asText();
    } while (after != null);
    return all;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
