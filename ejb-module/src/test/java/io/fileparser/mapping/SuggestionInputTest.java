package io.fileparser.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionInputTest {

  @Test
  void aCsvSampleBecomesColumnsWithTheirValues() {
    List<SuggestionInput.Column> columns =
        SuggestionInput.read(
            MappingDraftTest.json(
                "{\"csv\": \"From;To;\\\"Note; quoted\\\"\\n+4930111;+4930222;a\\n+4930333;;b\\n\"}"));
    assertEquals(3, columns.size());
    assertEquals("From", columns.get(0).header());
    assertEquals(List.of("+4930111", "+4930333"), columns.get(0).values());
    assertEquals("Note; quoted", columns.get(2).header());
  }

  @Test
  void aProfileBecomesColumnsAndNothingIsRefused() {
    List<SuggestionInput.Column> columns =
        SuggestionInput.read(
            MappingDraftTest.json("{\"columns\": [{\"name\": \"Src\", \"examples\": [\"1\"]}]}"));
    assertEquals("Src", columns.get(0).header());
    ProblemException empty =
        assertThrows(
            ProblemException.class,
            () -> SuggestionInput.read(MappingDraftTest.json("{\"columns\": []}")));
    assertEquals(ProblemType.INVALID_REQUEST, empty.type());
    ProblemException unknown =
        assertThrows(
            ProblemException.class,
            () -> SuggestionInput.read(MappingDraftTest.json("{\"tsv\": \"a\"}")));
    assertEquals(ProblemType.MALFORMED_JSON, unknown.type());
  }
}
