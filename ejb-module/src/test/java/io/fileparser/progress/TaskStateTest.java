package io.fileparser.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskStateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

  private static TaskState parsed(String json) {
    Optional<TaskState> state = TaskState.parse(json);
    assertTrue(state.isPresent(), "not parsed: " + json);
    return state.get();
  }

  @Test
  void progressCarriesTheWorkersMetaInResult() throws Exception {
    TaskState state =
        parsed(
            "{\"status\": \"PROGRESS\", \"result\": {\"step\": \"parsing\", \"percent\": 40,"
                + " \"message\": \"page 4 of 10\"}, \"traceback\": null, \"children\": [],"
                + " \"date_done\": null, \"task_id\": \""
                + ID
                + "\"}");

    assertEquals(ID, state.taskId());
    assertEquals("PROGRESS", state.status());
    assertEquals("parsing", state.result().path("step").asText());
    assertEquals(40, state.result().path("percent").asInt());
    assertEquals("page 4 of 10", state.result().path("message").asText());
    assertFalse(state.isReady());
  }

  @Test
  void successCarriesTheReturnedDict() throws Exception {
    String result = "{\"recordCount\": 12, \"classification\": {\"layout\": \"cdr\"}}";
    TaskState state =
        parsed(
            "{\"status\": \"SUCCESS\", \"result\": "
                + result
                + ", \"traceback\": null, \"children\": [],"
                + " \"date_done\": \"2024-05-01T12:00:00.123456+00:00\", \"task_id\": \""
                + ID
                + "\"}");

    assertEquals("SUCCESS", state.status());
    assertEquals(JSON.readTree(result), state.result());
    assertTrue(state.isReady());
  }

  @Test
  void failureExposesTypeAndJoinedMessage() {
    TaskState state =
        parsed(
            "{\"status\": \"FAILURE\", \"result\": {\"exc_type\": \"BadFile\", \"exc_message\":"
                + " [\"row 3 cannot be read\", \"sheet 2\"], \"exc_module\":"
                + " \"parser_worker.errors\"}, \"traceback\": \"Traceback ...\", \"children\": [],"
                + " \"date_done\": \"2024-05-01T12:00:00.123456\", \"task_id\": \""
                + ID
                + "\"}");

    assertEquals("FAILURE", state.status());
    assertEquals("BadFile", state.exceptionType());
    assertEquals("row 3 cannot be read; sheet 2", state.exceptionMessage());
    assertTrue(state.isReady());
  }

  @Test
  void singleMessageArgumentIsReturnedAsIs() {
    TaskState state =
        parsed(
            "{\"status\": \"FAILURE\", \"result\": {\"exc_type\": \"TimeLimitExceeded\","
                + " \"exc_message\": [\"3900\"], \"exc_module\": \"billiard.exceptions\"},"
                + " \"task_id\": \""
                + ID
                + "\"}");

    assertEquals("TimeLimitExceeded", state.exceptionType());
    assertEquals("3900", state.exceptionMessage());
  }

  @Test
  void messageThatIsAPlainStringIsKept() {
    TaskState state =
        parsed(
            "{\"status\": \"FAILURE\", \"result\": {\"exc_type\": \"ValueError\", \"exc_message\":"
                + " \"boom\"}, \"task_id\": \""
                + ID
                + "\"}");

    assertEquals("boom", state.exceptionMessage());
  }

  @Test
  void revokedIsReadyWithTheRevokedError() {
    TaskState state =
        parsed(
            "{\"status\": \"REVOKED\", \"result\": {\"exc_type\": \"TaskRevokedError\","
                + " \"exc_message\": [\"terminated\"], \"exc_module\": \"celery.exceptions\"},"
                + " \"traceback\": null, \"children\": [], \"date_done\": null, \"task_id\": \""
                + ID
                + "\"}");

    assertEquals("REVOKED", state.status());
    assertEquals("TaskRevokedError", state.exceptionType());
    assertEquals("terminated", state.exceptionMessage());
    assertTrue(state.isReady());
  }

  @Test
  void kombuTypedValuesInsideResultDoNotBreakParsing() throws Exception {
    String result =
        "{\"recordCount\": 3, \"finishedAt\": {\"__type__\": \"datetime\", \"__value__\":"
            + " \"2024-05-01T12:00:00.123456+00:00\"}, \"batch\": {\"__type__\": \"uuid\","
            + " \"__value__\": {\"hex\": \"6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b\", \"version\": 4}},"
            + " \"total\": {\"__type__\": \"decimal\", \"__value__\": \"12.50\"}}";
    TaskState state =
        parsed(
            "{\"status\": \"SUCCESS\", \"result\": "
                + result
                + ", \"traceback\": null, \"children\": [], \"date_done\": {\"__type__\":"
                + " \"datetime\", \"__value__\": \"2024-05-01T12:00:00.123456+00:00\"},"
                + " \"task_id\": \""
                + ID
                + "\"}");

    assertEquals(ID, state.taskId());
    assertEquals("SUCCESS", state.status());
    assertEquals(JSON.readTree(result), state.result());
    assertEquals(3, state.result().path("recordCount").asInt());
  }

  @Test
  void missingResultIsJsonNullAndHasNoException() {
    TaskState state = parsed("{\"status\": \"FAILURE\", \"task_id\": \"" + ID + "\"}");

    assertTrue(state.result().isNull());
    assertNull(state.exceptionType());
    assertNull(state.exceptionMessage());
  }

  @Test
  void scalarResultHasNoException() {
    TaskState state =
        parsed("{\"status\": \"SUCCESS\", \"result\": 4, \"task_id\": \"" + ID + "\"}");

    assertEquals(4, state.result().asInt());
    assertNull(state.exceptionType());
    assertNull(state.exceptionMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "garbage",
        "{",
        "{\"status\": \"SUCCESS\", \"task_id\": ",
        "[1, 2, 3]",
        "42",
        "\"SUCCESS\"",
        "null",
        "{}",
        "{\"status\": \"SUCCESS\", \"result\": 4}",
        "{\"status\": \"SUCCESS\", \"task_id\": null}",
        "{\"task_id\": \"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b\", \"result\": 4}",
        "{\"task_id\": \"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b\", \"status\": null}"
      })
  void anythingThatIsNotATaskStateIsEmpty(String json) {
    assertEquals(Optional.empty(), TaskState.parse(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUCCESS", "FAILURE", "REVOKED"})
  void finalStatesAreReady(String status) {
    assertTrue(new TaskState(ID, status, JSON.nullNode()).isReady());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PENDING", "RECEIVED", "STARTED", "PROGRESS", "RETRY", "CUSTOM"})
  void otherStatesAreNotReady(String status) {
    assertFalse(new TaskState(ID, status, JSON.nullNode()).isReady());
  }

  @Test
  void aProgressReportIsDatedByTheWorkersAt() {
    TaskState state =
        parsed(
            "{\"status\": \"PROGRESS\", \"result\": {\"step\": \"parsing\", \"percent\": 40,"
                + " \"at\": 1796000000.25}, \"date_done\": null, \"task_id\": \""
                + ID
                + "\"}");

    assertEquals(Instant.ofEpochMilli(1_796_000_000_250L), state.reportedAt());
  }

  @Test
  void aFinishedTaskIsDatedByCeleryDateDoneInUtc() {
    TaskState naive =
        parsed(
            "{\"status\": \"SUCCESS\", \"result\": {\"rows\": 3},"
                + " \"date_done\": \"2026-11-30T06:51:00.123456\", \"task_id\": \""
                + ID
                + "\"}");
    TaskState zoned =
        parsed(
            "{\"status\": \"FAILURE\", \"result\": {\"exc_type\": \"X\"},"
                + " \"date_done\": \"2026-11-30T07:51:00.5+01:00\", \"task_id\": \""
                + ID
                + "\"}");

    assertEquals(Instant.parse("2026-11-30T06:51:00.123456Z"), naive.reportedAt());
    assertEquals(Instant.parse("2026-11-30T06:51:00.5Z"), zoned.reportedAt());
  }

  @Test
  void aStateWithoutADateHasNone() {
    assertNull(
        parsed(
                "{\"status\": \"STARTED\", \"result\": {}, \"date_done\": null, \"task_id\": \""
                    + ID
                    + "\"}")
            .reportedAt());
    assertNull(
        parsed(
                "{\"status\": \"SUCCESS\", \"result\": 3, \"date_done\": \"yesterday\","
                    + " \"task_id\": \""
                    + ID
                    + "\"}")
            .reportedAt());
  }
}
