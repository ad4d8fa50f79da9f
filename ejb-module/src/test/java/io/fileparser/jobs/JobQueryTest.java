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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobQueryTest {

  private static final JobFilter.Input NO_FILTER =
      new JobFilter.Input(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  @ParameterizedTest
  @ValueSource(ints = {1, JobQuery.DEFAULT_LIMIT, 200})
  void acceptsLimitFromOneToTwoHundred(int limit) {
    assertEquals(limit, new JobQuery(JobFilter.ANY, true, limit, null, false).limit());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void refusesLimitOutsideOneToTwoHundred(int limit) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new JobQuery(JobFilter.ANY, true, limit, null, false));
  }

  @Test
  void maximumLimitIsTwoHundred() {
    assertEquals(200, JobQuery.MAX_LIMIT);
  }

  @Test
  void laterChangesToTheGivenSetsDoNotReachTheFilter() {
    Set<JobState> states = EnumSet.of(JobState.QUEUED);
    Set<FileFormat> formats = EnumSet.of(FileFormat.CSV);
    JobFilter filter =
        new JobFilter(
            states, formats, Set.of(), null, null, null, null, null, List.of(), null, null, null,
            Set.of(), null, Map.of());

    states.add(JobState.FAILED);
    formats.add(FileFormat.PDF);

    assertEquals(Set.of(JobState.QUEUED), filter.states());
    assertEquals(Set.of(FileFormat.CSV), filter.formats());
    assertThrows(UnsupportedOperationException.class, () -> filter.states().add(JobState.FAILED));
    assertThrows(UnsupportedOperationException.class, () -> filter.formats().add(FileFormat.PDF));
  }

  @Test
  void parsesWhatAClientSends() {
    JobQuery query =
        JobQuery.parse(
            new JobFilter.Input(
                List.of("queued,failed", " running "),
                List.of("csv", "CDR"),
                List.of("7,8", "9"),
                "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z",
                "2026-11-02T00:00:00Z",
                "2026-11-03T00:00:00Z",
                "calls",
                "  Nightly \"site A\"  cdr ",
                "asterisk-master",
                "2",
                "false",
                List.of("Timeout,MalwareDetected"),
                "alice",
                List.of("batch:2026-11", "site:lyon:east")),
            "created",
            "20",
            null,
            "true");

    JobFilter filter = query.filter();
    assertEquals(EnumSet.of(JobState.QUEUED, JobState.FAILED, JobState.RUNNING), filter.states());
    assertEquals(EnumSet.of(FileFormat.CSV, FileFormat.CDR), filter.formats());
    assertEquals(Set.of(7, 8, 9), filter.priorities());
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), filter.createdFrom());
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), filter.createdTo());
    assertEquals(Instant.parse("2026-11-02T00:00:00Z"), filter.completedFrom());
    assertEquals(Instant.parse("2026-11-03T00:00:00Z"), filter.completedTo());
    assertEquals("calls", filter.filenameContains());
    assertEquals(List.of("nightly", "site a", "cdr"), filter.terms());
    assertEquals("asterisk-master", filter.templateId());
    assertEquals(2, filter.templateVersion());
    assertEquals(Boolean.FALSE, filter.needsMapping());
    assertEquals(Set.of("Timeout", "MalwareDetected"), filter.errorCategories());
    assertEquals("alice", filter.submittedBy());
    assertEquals(Map.of("batch", "2026-11", "site", "lyon:east"), filter.metadata());
    assertFalse(query.newestFirst());
    assertEquals(20, query.limit());
    assertTrue(query.withTotal());
  }

  @Test
  void defaultsAreNewestFirstFiftyAtATimeUnfilteredWithoutTotal() {
    JobQuery query = JobQuery.parse(NO_FILTER, null, null, "", null);

    assertTrue(query.newestFirst());
    assertEquals(JobQuery.DEFAULT_LIMIT, query.limit());
    assertTrue(query.filter().isEmpty());
    assertNull(query.after());
    assertFalse(query.withTotal());
  }

  @Test
  void sortsByCreationOrByPriorityEitherWayRound() {
    JobQuery mostUrgent = JobQuery.parse(NO_FILTER, "-priority", null, null, null);
    JobQuery leastUrgent = JobQuery.parse(NO_FILTER, "priority", null, null, null);
    JobQuery oldest = JobQuery.parse(NO_FILTER, "created", null, null, null);

    assertTrue(mostUrgent.byPriority() && mostUrgent.newestFirst());
    assertTrue(leastUrgent.byPriority() && !leastUrgent.newestFirst());
    assertFalse(oldest.byPriority() || oldest.newestFirst());
  }

  @Test
  void repeatedSearchTermsCountOnce() {
    assertEquals(List.of("calls"), JobFilter.terms("calls CALLS Calls"));
    assertEquals(List.of(), JobFilter.terms("   "));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "state          | BOGUS",
        "format         | XLSX",
        "from           | yesterday",
        "to             | 2026-13-01T00:00:00Z",
        "sort           | name",
        "limit          | 0",
        "limit          | 201",
        "limit          | ten",
        "limit          | 99999999999",
        "from           | +999999999-12-31T23:59:59Z",
        "to             | -999999999-01-01T00:00:00Z",
        "from           | +10000-01-01T00:00:00Z",
        "filename       | a\u0000b",
        "completedFrom  | last week",
        "priority       | 10",
        "priority       | -1",
        "priority       | high",
        "q              | a",
        "q              | x\u0000y",
        "q              | a1 b2 c3 d4 e5 f6 g7 h8 i9",
        "template       | ../etc",
        "templateVersion| 0",
        "templateVersion| two",
        "needsMapping   | yes",
        "errorCategory  | 42",
        "errorCategory  | a b",
        "metadata       | nocolon",
        "metadata       | :value",
        "total          | maybe"
      })
  void refusesBadParametersWithAnInvalidRequestProblem(String parameter, String value) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> parseWith(parameter.strip(), value.strip()));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void refusesAVersionWithoutItsTemplate() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> parseWith("templateVersion", "3"));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
    assertTrue(e.getMessage().contains("needs template"), e.getMessage());
  }

  @Test
  void refusesTwoValuesForOneMetadataKey() {
    JobFilter.Input input =
        new JobFilter.Input(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("batch:1", "batch:2"));
    assertThrows(ProblemException.class, () -> JobFilter.parse(input));
  }

  @Test
  void refusesTooLongOrTooManyTexts() {
    assertThrows(ProblemException.class, () -> parseWith("filename", "x".repeat(256)));
    assertThrows(ProblemException.class, () -> parseWith("q", "x".repeat(201)));
    assertThrows(ProblemException.class, () -> parseWith("q", "x".repeat(101)));
    assertThrows(ProblemException.class, () -> parseWith("submittedBy", "x".repeat(201)));
    assertThrows(ProblemException.class, () -> parseWith("metadata", "k:" + "v".repeat(501)));
  }

  @Test
  void refusesACursorThisApiDidNotIssue() {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> JobQuery.parse(NO_FILTER, null, null, "bm90LWEtY3Vyc29y", null));
    assertEquals(ProblemType.INVALID_CURSOR, e.type());
  }

  private static JobQuery parseWith(String parameter, String value) {
    JobFilter.Input input =
        new JobFilter.Input(
            parameter.equals("state") ? List.of(value) : List.of(),
            parameter.equals("format") ? List.of(value) : List.of(),
            parameter.equals("priority") ? List.of(value) : null,
            parameter.equals("from") ? value : null,
            parameter.equals("to") ? value : null,
            parameter.equals("completedFrom") ? value : null,
            null,
            parameter.equals("filename") ? value : null,
            parameter.equals("q") ? value : null,
            parameter.equals("template") ? value : null,
            parameter.equals("templateVersion") ? value : null,
            parameter.equals("needsMapping") ? value : null,
            parameter.equals("errorCategory") ? List.of(value) : null,
            parameter.equals("submittedBy") ? value : null,
            parameter.equals("metadata") ? List.of(value) : null);
    return JobQuery.parse(
        input,
        parameter.equals("sort") ? value : null,
        parameter.equals("limit") ? value : null,
        null,
        parameter.equals("total") ? value : null);
  }
}
