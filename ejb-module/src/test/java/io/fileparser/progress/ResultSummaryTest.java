package io.fileparser.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultSummaryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void whatTheJobKeepsInColumnsIsNotRepeatedInTheSummary() throws Exception {
    ObjectNode result = JSON.createObjectNode();
    result.putObject("classification").put("layout", "generic_csv");
    result.put("recordsUri", "file:///r");
    result.put("recordCount", 3);
    result.put("needsMapping", false);
    result.putObject("quality").put("emptyCells", 0);

    JsonNode summary = JSON.readTree(ResultSummary.of(result));

    assertEquals(JSON.readTree("{\"quality\":{\"emptyCells\":0}}"), summary);
  }

  @Test
  void sampleRowsAreCutToTenAndLongTextsShortened() throws Exception {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode rows = result.putArray("sampleRows");
    for (int i = 0; i < 1000; i++) {
      rows.addArray().add("x".repeat(10_000)).add(i);
    }

    JsonNode summary = JSON.readTree(ResultSummary.of(result));

    assertEquals(ResultSummary.MAX_SAMPLE_ROWS, summary.path("sampleRows").size());
    String cell = summary.path("sampleRows").get(0).get(0).asText();
    assertEquals(ResultSummary.MAX_TEXT_CHARS + 1, cell.length());
    assertFalse(summary.has("truncated"));
  }

  @Test
  void aSummaryStillTooLargeLosesItsSamplesAndSaysSo() throws Exception {
    ObjectNode result = JSON.createObjectNode();
    ArrayNode profile = result.putArray("columnProfile");
    for (int i = 0; i < 400; i++) {
      profile.addObject().put("name", "column " + i).put("notes", "y".repeat(250));
    }
    result.putArray("sampleRows").addArray().add("z");
    result.putObject("quality").put("emptyCells", 7);

    String json = ResultSummary.of(result);
    JsonNode summary = JSON.readTree(json);

    assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= ResultSummary.MAX_BYTES);
    assertTrue(summary.path("truncated").asBoolean());
    assertFalse(summary.has("columnProfile"));
    assertEquals(7, summary.path("quality").path("emptyCells").asInt());
  }

  @Test
  void aResultThatIsNotAnObjectHasNoSummary() {
    assertNull(ResultSummary.of(JSON.getNodeFactory().textNode("done")));
  }
}
