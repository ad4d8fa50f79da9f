package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.entity.JobState;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

  private static JobQuery query(Set<JobState> states, Set<FileFormat> formats, int limit) {
    return new JobQuery(states, formats, null, null, null, true, limit, null);
  }
}
