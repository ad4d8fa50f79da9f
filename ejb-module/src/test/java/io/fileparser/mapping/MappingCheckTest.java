package io.fileparser.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A draft checked against the sample rows, field by field. */
class MappingCheckTest {

  private static List<MappingCheck.Problem> problems(String body) {
    return MappingCheck.problems(MappingDraftTest.draft(body), MappingDraftTest.profile());
  }

  @Test
  void aMappingThatFitsEveryRowHasNoProblems() {
    assertEquals(
        List.of(),
        problems(
            "{\"columns\": {\"Originating Number\": {\"field\": \"caller\", \"required\": false},"
                + " \"Call Start\": \"start\", \"Cost Center\": {\"field\": \"cc\", \"type\":"
                + " \"string\"}}}"));
  }

  @Test
  void aRequiredCallRecordFieldLeftUnmappedIsAProblem() {
    List<MappingCheck.Problem> found =
        problems(
            "{\"columns\": {\"Call Start\": \"start\", \"Talk Seconds\": \"durationSeconds\"}}");
    assertEquals(1, found.stream().filter(p -> p.code().equals("required_unmapped")).count());
    assertEquals("caller", found.get(0).field());
  }

  @Test
  void valuesThatDoNotReadAsTheTypeAndMissingRequiredValuesAreNamedWithTheirRow() {
    List<MappingCheck.Problem> found =
        problems(
            "{\"columns\": {\"Originating Number\": \"caller\", \"Call Start\": \"start\","
                + " \"Talk Seconds\": {\"field\": \"secs\", \"type\": \"integer\"}}}");
    MappingCheck.Problem missing =
        found.stream().filter(p -> p.code().equals("missing_value")).findFirst().orElseThrow();
    assertEquals("caller", missing.field());
    assertEquals(3, missing.row());
    MappingCheck.Problem unreadable =
        found.stream().filter(p -> p.code().equals("unreadable_value")).findFirst().orElseThrow();
    assertEquals("secs", unreadable.field());
    assertEquals("abc", unreadable.value());
    assertEquals(2, unreadable.row());
    assertTrue(unreadable.message().contains("integer"));
  }

  @Test
  void aDateFormatThatDoesNotFitIsAProblemForEachRowUpToTheLimit() {
    List<MappingCheck.Problem> found =
        problems(
            "{\"columns\": {\"Originating Number\": {\"field\": \"caller\", \"required\": false},"
                + " \"Call Start\": {\"field\": \"start\", \"format\": \"%d/%m/%Y %H:%M\"}}}");
    assertEquals(3, found.stream().filter(p -> p.field().equals("start")).count());
  }
}
