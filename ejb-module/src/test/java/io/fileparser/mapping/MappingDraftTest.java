package io.fileparser.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A person's mapping read against the worker's column profile and made a template document. */
class MappingDraftTest {

  static final String SUMMARY =
      """
      {"columnProfile": [
        {"name": "Originating Number", "inferredType": "phone", "nullRatio": 0, "distinct": 3,
         "examples": ["+441632960001"],
         "suggestions": [{"field": "caller", "confidence": 0.9, "reason": "looks like E.164"}]},
        {"name": "Call Start", "inferredType": "datetime", "nullRatio": 0, "distinct": 3,
         "examples": ["2026-03-01 10:00:00"], "suggestions": []},
        {"name": "Talk Seconds", "inferredType": "integer", "nullRatio": 0, "distinct": 3,
         "examples": ["42"], "suggestions": []},
        {"name": "Cost Center", "inferredType": "string", "nullRatio": 0, "distinct": 3,
         "examples": ["CC-1"], "suggestions": []}],
       "sampleRows": [["+441632960001", "2026-03-01 10:00:00", "42", "CC-1"],
                      ["+441632960002", "2026-03-02 11:00:00", "abc", "CC-2"],
                      ["", "2026-03-03 12:00:00", "7", "CC-3"]],
       "dialect": {"delimiter": ",", "hasHeader": true},
       "suggestionModelVersion": "fields-abc"}
      """;

  static ColumnProfile profile() {
    return ColumnProfile.of(SUMMARY);
  }

  static JsonNode json(String text) {
    try {
      return ColumnProfile.JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static MappingDraft draft(String body) {
    return MappingDraft.read(json(body), profile(), "CSV", "Mapping of calls.csv");
  }

  @Test
  void columnsToKnownFieldsMakeADocumentLocatedByHeader() {
    MappingDraft draft =
        draft(
            """
            {"columns": {"Originating Number": "caller", "call start": "start",
                         "Talk Seconds": "durationSeconds", "Cost Center": null}}
            """);
    JsonNode document = draft.document().json();
    assertEquals("Mapping of calls.csv", document.path("name").asText());
    assertEquals("CSV", document.path("format").asText());
    assertEquals(0.8, document.path("confidenceThreshold").asDouble());
    assertTrue(document.path("source").path("header").asBoolean());
    assertEquals(",", document.path("source").path("delimiter").asText());
    assertEquals(3, document.path("fields").size());
    JsonNode caller = document.path("fields").path(0);
    assertEquals("phone", caller.path("type").asText());
    assertTrue(caller.path("required").asBoolean());
    assertEquals("Originating Number", caller.path("locate").path("header").asText());
    assertEquals(
        "Call Start", document.path("fields").path(1).path("locate").path("header").asText());
    assertEquals("start", draft.choices().path(1).path("field").asText());
    assertEquals("Call Start", draft.choices().path(1).path("header").asText());
    assertTrue(draft.choices().path(0).path("values").size() >= 3);
  }

  @Test
  void aCustomFieldNeedsItsTypeAndKeepsItsFormat() {
    MappingDraft draft =
        draft(
            """
            {"name": "Calls", "confidenceThreshold": 0.7,
             "columns": {"Originating Number": "caller", "Call Start":
               {"field": "start", "format": "%Y-%m-%d %H:%M:%S"},
               "Cost Center": {"field": "costCenter", "type": "string"}}}
            """);
    JsonNode fields = draft.document().json().path("fields");
    assertEquals("Calls", draft.document().name());
    assertEquals("%Y-%m-%d %H:%M:%S", fields.path(1).path("format").asText());
    assertEquals("costCenter", fields.path(2).path("name").asText());
    assertEquals(false, fields.path(2).path("required").asBoolean());
  }

  @Test
  void anUnknownFieldWithoutATypeIsRefusedNamingTheColumn() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> draft("{\"columns\": {\"Cost Center\": \"costCentre\"}}"));
    assertEquals(ProblemType.UNKNOWN_FIELD, refused.type());
    assertEquals("columns.Cost Center", refused.extensions().get("member"));
  }

  @Test
  void aColumnTheFileLacksOrAFieldMappedTwiceIsAnInvalidMapping() {
    ProblemException missing =
        assertThrows(ProblemException.class, () -> draft("{\"columns\": {\"Nope\": \"caller\"}}"));
    assertEquals(ProblemType.INVALID_MAPPING, missing.type());
    ProblemException twice =
        assertThrows(
            ProblemException.class,
            () ->
                draft(
                    "{\"columns\": {\"Originating Number\": \"caller\", \"Cost Center\":"
                        + " \"caller\"}}"));
    assertEquals(ProblemType.INVALID_MAPPING, twice.type());
    ProblemException both =
        assertThrows(ProblemException.class, () -> draft("{\"columns\": {}, \"fields\": []}"));
    assertEquals(ProblemType.INVALID_MAPPING, both.type());
  }

  @Test
  void anUnknownMemberIsMalformedJson() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> draft("{\"columns\": {\"Cost Center\": {\"field\": \"x\", \"kind\": 1}}}"));
    assertEquals(ProblemType.MALFORMED_JSON, refused.type());
    assertEquals("columns.Cost Center.kind", refused.extensions().get("member"));
  }

  @Test
  void templateFieldsAreTakenAsTheyAreAndTheirColumnsFound() {
    MappingDraft draft =
        draft(
            """
            {"fields": [{"name": "caller", "type": "phone", "required": true,
                         "locate": {"header": "Originating Number"}},
                        {"name": "secs", "type": "integer", "required": false,
                         "locate": {"index": 2}}]}
            """);
    assertEquals(List.of("caller", "secs"), draft.fields().stream().map(f -> f.name()).toList());
    assertEquals(2, draft.fields().get(1).column().index());
  }

  @Test
  void aHeaderlessFileIsLocatedByPosition() {
    ColumnProfile headerless =
        ColumnProfile.of(SUMMARY.replace("\"hasHeader\": true", "\"hasHeader\": false"));
    MappingDraft draft =
        MappingDraft.read(
            json("{\"columns\": {\"Call Start\": \"start\"}}"), headerless, "CDR", "x");
    assertEquals(
        1, draft.document().json().path("fields").path(0).path("locate").path("index").asInt());
    assertTrue(draft.choices().path(0).path("header").isNull());
  }

  @Test
  void aDraftsMembersAreCheckedWithoutItsJob() {
    MappingDraft.requireKnownMembers(
        json("{\"columns\": {}, \"name\": \"Calls\", \"confidenceThreshold\": 0.7}"));

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> MappingDraft.requireKnownMembers(json("{\"columns\": {}, \"__proto__\": {}}")));

    assertEquals(ProblemType.MALFORMED_JSON, refused.type());
    assertEquals("__proto__", refused.extensions().get("member"));
  }
}
