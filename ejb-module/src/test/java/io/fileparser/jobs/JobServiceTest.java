package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobServiceTest {

  @Test
  void likePatternLeavesOrdinaryTextAlone() {
    assertEquals("invoice 2024.csv", JobService.escapeLike("invoice 2024.csv"));
  }

  @Test
  void likePatternEscapesPercent() {
    assertEquals("50\\% off", JobService.escapeLike("50% off"));
  }

  @Test
  void likePatternEscapesUnderscore() {
    assertEquals("call\\_records", JobService.escapeLike("call_records"));
  }

  @Test
  void likePatternEscapesBackslash() {
    assertEquals("c:\\\\temp", JobService.escapeLike("c:\\temp"));
  }

  @Test
  void backslashIsEscapedBeforeTheWildcardsSoEscapesAreNotDoubled() {
    // input: \%_   expected: \\ \% \_
    assertEquals("\\\\\\%\\_", JobService.escapeLike("\\%_"));
  }

  @Test
  void everyWildcardOccurrenceIsEscaped() {
    assertEquals("\\%\\%\\_\\_", JobService.escapeLike("%%__"));
  }
}
