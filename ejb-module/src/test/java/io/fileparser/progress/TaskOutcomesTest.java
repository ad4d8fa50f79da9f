package io.fileparser.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.jobs.entity.ParseOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure mappings of worker results: {@code outcome} and {@code remediation}. */
class TaskOutcomesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FULL_RESULT =
      "{\"classification\": {\"layout\": \"cdr\", \"templateMatched\": \"acme-cdr\","
          + " \"templateVersion\": 3, \"confidence\": 0.87},"
          + " \"needsMapping\": true, \"recordCount\": 5000000000,"
          + " \"recordsUri\": \"s3://results/t1/job.ndjson\","
          + " \"fields\": [{\"name\": \"caller\", \"type\": \"string\"}],"
          + " \"quality\": {\"emptyRows\": 2, \"warnings\": [\"row 7 truncated\"]},"
          + " \"timings\": {\"parseMs\": 120, \"writeMs\": 30}}";

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void outcomeMapsClassificationCountsAndLocation() {
    ParseOutcome outcome = TaskOutcomes.outcome(json(FULL_RESULT));

    assertEquals("cdr", outcome.layout());
    assertEquals("acme-cdr", outcome.templateMatched());
    assertEquals(3, outcome.templateVersion());
    assertEquals(0.87, outcome.confidence(), 1e-9);
    assertTrue(outcome.needsMapping());
    assertEquals(5_000_000_000L, outcome.recordCount());
    assertEquals("s3://results/t1/job.ndjson", outcome.recordsUri());
  }

  @Test
  void summaryKeepsFieldsQualityAndTimingsButNotTheMappedParts() {
    ParseOutcome outcome = TaskOutcomes.outcome(json(FULL_RESULT));

    JsonNode summary = json(outcome.summaryJson());
    assertEquals(
        json(
            "{\"fields\": [{\"name\": \"caller\", \"type\": \"string\"}],"
                + " \"quality\": {\"emptyRows\": 2, \"warnings\": [\"row 7 truncated\"]},"
                + " \"timings\": {\"parseMs\": 120, \"writeMs\": 30}}"),
        summary);
    assertFalse(summary.has("classification"));
    assertFalse(summary.has("recordsUri"));
    assertFalse(summary.has("recordCount"));
    assertFalse(summary.has("needsMapping"));
  }

  @Test
  void outcomeDoesNotAlterTheWorkersResult() {
    JsonNode result = json(FULL_RESULT);

    TaskOutcomes.outcome(result);

    assertEquals(json(FULL_RESULT), result);
  }

  @ParameterizedTest
  @CsvSource({"1.7, 1.0", "-0.2, 0.0", "0, 0.0", "1, 1.0", "0.5, 0.5"})
  void confidenceIsClampedToZeroToOne(String raw, double expected) {
    ParseOutcome outcome =
        TaskOutcomes.outcome(json("{\"classification\": {\"confidence\": " + raw + "}}"));

    assertEquals(expected, outcome.confidence(), 1e-9);
  }

  @Test
  void missingPartsGiveNulls() {
    ParseOutcome outcome = TaskOutcomes.outcome(json("{}"));

    assertNull(outcome.layout());
    assertNull(outcome.templateMatched());
    assertNull(outcome.templateVersion());
    assertNull(outcome.confidence());
    assertFalse(outcome.needsMapping());
    assertNull(outcome.recordCount());
    assertNull(outcome.recordsUri());
    assertEquals(json("{}"), json(outcome.summaryJson()));
  }

  @Test
  void classificationWithoutOptionalPartsGivesNullsForThem() {
    ParseOutcome outcome =
        TaskOutcomes.outcome(
            json(
                "{\"classification\": {\"layout\": \"pdf-text\", \"templateMatched\": null},"
                    + " \"recordCount\": 0}"));

    assertEquals("pdf-text", outcome.layout());
    assertNull(outcome.templateMatched());
    assertNull(outcome.templateVersion());
    assertNull(outcome.confidence());
    assertEquals(0L, outcome.recordCount());
  }

  @Test
  void nonNumericValuesAreNotTakenForNumbers() {
    ParseOutcome outcome =
        TaskOutcomes.outcome(
            json(
                "{\"classification\": {\"templateVersion\": \"3\", \"confidence\": \"high\"},"
                    + " \"recordCount\": \"many\"}"));

    assertNull(outcome.templateVersion());
    assertNull(outcome.confidence());
    assertNull(outcome.recordCount());
  }

  @Test
  void resultThatIsNotAnObjectGivesNullsAndNoSummary() {
    ParseOutcome outcome = TaskOutcomes.outcome(JSON.nullNode());

    assertNull(outcome.layout());
    assertNull(outcome.recordCount());
    assertNull(outcome.recordsUri());
    assertFalse(outcome.needsMapping());
    assertNull(outcome.summaryJson());
  }

  @Test
  void overlongLayoutAndTemplateAreCutToTheirColumns() {
    String layout = "l".repeat(200);
    String template = "t".repeat(300);
    ParseOutcome outcome =
        TaskOutcomes.outcome(
            json(
                "{\"classification\": {\"layout\": \""
                    + layout
                    + "\", \"templateMatched\": \""
                    + template
                    + "\"}}"));

    assertEquals(64, outcome.layout().length());
    assertEquals(100, outcome.templateMatched().length());
  }

  @Test
  void badFileHintIsTheWorkersOwnMessage() {
    assertEquals(
        "the PDF is encrypted; remove the password and upload it again",
        TaskOutcomes.remediation(
            "BadFile", "the PDF is encrypted; remove the password and upload it again"));
  }

  @Test
  void badFileWithoutMessageStillGetsAHint() {
    String hint = TaskOutcomes.remediation("BadFile", null);

    assertTrue(hint != null && !hint.isBlank(), "" + hint);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "UnsupportedLayout",
        "StorageUnavailable",
        "WorkerLostError",
        "WorkerLost",
        "TimeLimitExceeded",
        "SoftTimeLimitExceeded"
      })
  void otherKnownCategoriesGetAFixedHint(String category) {
    String hint = TaskOutcomes.remediation(category, "Traceback: secret internal detail");

    assertTrue(hint != null && !hint.isBlank());
    assertFalse(hint.contains("secret internal detail"), hint);
    assertEquals(hint, TaskOutcomes.remediation(category, null));
    assertNotEquals(TaskOutcomes.remediation("SomethingElse", null), hint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ValueError", "NotRegistered", "UnknownError", ""})
  void unknownCategoriesPointToSupport(String category) {
    String hint = TaskOutcomes.remediation(category, "KeyError: 'x'");

    assertTrue(hint.contains("support"), hint);
    assertFalse(hint.contains("KeyError"), hint);
    assertEquals(TaskOutcomes.remediation("ValueError", null), hint);
  }

  @Test
  void retryableCategoriesSayTheyWillBeRetried() {
    assertTrue(TaskOutcomes.remediation("StorageUnavailable", null).contains("retried"));
    assertTrue(TaskOutcomes.remediation("WorkerLostError", null).contains("retried"));
  }
}
