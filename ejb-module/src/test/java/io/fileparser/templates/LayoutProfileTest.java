package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The layout fingerprint and the proposed document of a worker's column profile. */
class LayoutProfileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static LayoutProfile profile(String format, boolean header, String... columns)
      throws Exception {
    StringBuilder summary = new StringBuilder("{\"columnProfile\": [");
    for (int i = 0; i < columns.length; i++) {
      summary
          .append(i == 0 ? "" : ",")
          .append("{\"name\": ")
          .append(JSON.writeValueAsString(columns[i]))
          .append(", \"inferredType\": \"")
          .append(i == 0 ? "integer" : "datetime")
          .append("\", \"examples\": [\"v")
          .append(i)
          .append("\"]}");
    }
    summary
        .append("], \"sampleRows\": [[\"1\"]], \"dialect\": {\"hasHeader\": ")
        .append(header)
        .append(", \"delimiter\": \",\"}}");
    JsonNode node = JSON.readTree(summary.toString());
    return LayoutProfile.of(format, node);
  }

  @Test
  void headersThatDifferOnlyInCaseSpacingAndSeparatorsAreOneLayout() throws Exception {
    assertEquals(
        profile("CSV", true, "Call Start", "Talk_Seconds").fingerprint(),
        profile("CSV", true, " call  start", "talk-seconds ").fingerprint());
  }

  @Test
  void anotherHeaderColumnCountFormatOrHeaderLineIsAnotherLayout() throws Exception {
    String base = profile("CSV", true, "a", "b").fingerprint();
    assertNotEquals(base, profile("CSV", true, "a", "c").fingerprint());
    assertNotEquals(base, profile("CSV", true, "a", "b", "c").fingerprint());
    assertNotEquals(base, profile("CDR", true, "a", "b").fingerprint());
    assertNotEquals(base, profile("CSV", false, "a", "b").fingerprint());
    assertEquals(64, base.length());
  }

  @Test
  void theProposedDocumentKeepsEveryRuleOfTheFormat() throws Exception {
    LayoutProfile layout = profile("CSV", true, "Call Start", "2nd number", "Call Start", "");
    TemplateDocument document = TemplateDocument.parse(layout.proposedDocument(), false);
    JsonNode fields = document.json().path("fields");
    assertEquals(4, fields.size());
    assertEquals("Call_Start", fields.path(0).path("name").asText());
    assertEquals("integer", fields.path(0).path("type").asText());
    assertEquals("column2_2nd_number", fields.path(1).path("name").asText());
    assertEquals("string", fields.path(1).path("type").asText());
    assertEquals("Call_Start_2", fields.path(2).path("name").asText());
    assertEquals("column4", fields.path(3).path("name").asText());
    assertEquals("Call Start", fields.path(0).path("locate").path("header").asText());
  }

  @Test
  void withoutAHeaderLineColumnsAreLocatedByIndex() throws Exception {
    TemplateDocument document =
        TemplateDocument.parse(
            profile("CDR", false, "column1", "column2").proposedDocument(), false);
    assertEquals(1, document.json().path("fields").path(1).path("locate").path("index").asInt());
    assertEquals(false, document.json().path("source").path("header").asBoolean());
  }
}
