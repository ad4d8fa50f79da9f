package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobQueryTest {

  @ParameterizedTest
  @ValueSource(ints = {1, JobQuery.DEFAULT_LIMIT, 200})
  void acceptsLimitFromOneToTwoHundred(int limit) {
    assertEquals(limit, query(Set.of(), Set.of(), limit).limit());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void refusesLimitOutsideOneToTwoHundred(int limit) {
    assertThrows(IllegalArgumentException.class, () -> query(Set.of(), Set.of(), limit));
  }

  @Test
  void maximumLimitIsTwoHundred() {
    assertEquals(200, JobQuery.MAX_LIMIT);
  }

  @Test
  void laterChangesToTheGivenSetsDoNotReachTheQuery() {
    Set<JobState> states = EnumSet.of(JobState.QUEUED);
    Set<FileFormat> formats = EnumSet.of(FileFormat.CSV);
    JobQuery query = query(states, formats, 10);

    states.add(JobState.FAILED);
    formats.add(FileFormat.PDF);

    assertEquals(Set.of(JobState.QUEUED), query.states());
    assertEquals(Set.of(FileFormat.CSV), query.formats());
  }

  @Test
  void setsCannotBeChangedThroughTheQuery() {
    JobQuery query = query(EnumSet.of(JobState.QUEUED), EnumSet.of(FileFormat.CSV), 10);

    assertThrows(UnsupportedOperationException.class, () -> query.states().add(JobState.FAILED));
    assertThrows(UnsupportedOperationException.class, () -> query.formats().add(FileFormat.PDF));
  }

  @Test
  void parsesWhatAClientSends() {
    JobQuery query =
        JobQuery.parse(
            List.of("queued,failed", " running "),
            List.of("csv", "CDR"),
            "2026-11-01T00:00:00Z",
            "2026-12-01T00:00:00Z",
            "calls",
            "created",
            "20",
            null);

    assertEquals(EnumSet.of(JobState.QUEUED, JobState.FAILED, JobState.RUNNING), query.states());
    assertEquals(EnumSet.of(FileFormat.CSV, FileFormat.CDR), query.formats());
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), query.createdFrom());
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), query.createdTo());
    assertEquals("calls", query.filenameContains());
    assertFalse(query.newestFirst());
    assertEquals(20, query.limit());
  }

  @Test
  void defaultsAreNewestFirstFiftyAtATimeUnfiltered() {
    JobQuery query = JobQuery.parse(List.of(), List.of(), null, null, null, null, null, "");

    assertTrue(query.newestFirst());
    assertEquals(JobQuery.DEFAULT_LIMIT, query.limit());
    assertTrue(query.states().isEmpty() && query.formats().isEmpty());
    assertNull(query.after());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "state   | BOGUS",
        "format  | XLSX",
        "from    | yesterday",
        "to      | 2026-13-01T00:00:00Z",
        "sort    | name",
        "limit   | 0",
        "limit   | 201",
        "limit   | ten",
        "limit   | 99999999999",
        "from    | +999999999-12-31T23:59:59Z",
        "to      | -999999999-01-01T00:00:00Z",
        "from    | +10000-01-01T00:00:00Z",
        "filename| a\u0000b"
      })
  void refusesBadParametersWithAnInvalidRequestProblem(String parameter, String value) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> parseWith(parameter.strip(), value.strip()));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void refusesAFilenameFilterLongerThan255Characters() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> parseWith("filename", "x".repeat(256)));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void refusesACursorThisApiDidNotIssue() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                JobQuery.parse(
                    List.of(), List.of(), null, null, null, null, null, "bm90LWEtY3Vyc29y"));
    assertEquals(ProblemType.INVALID_CURSOR, e.type());
  }

  private static JobQuery parseWith(String parameter, String value) {
    return JobQuery.parse(
        parameter.equals("state") ? List.of(value) : List.of(),
        parameter.equals("format") ? List.of(value) : List.of(),
        parameter.equals("from") ? value : null,
        parameter.equals("to") ? value : null,
        parameter.equals("filename") ? value : null,
        parameter.equals("sort") ? value : null,
        parameter.equals("limit") ? value : null,
        null);
  }

  private static JobQuery query(Set<JobState> states, Set<FileFormat> formats, int limit) {
    return new JobQuery(states, formats, null, null, null, true, limit, null);
  }
}
