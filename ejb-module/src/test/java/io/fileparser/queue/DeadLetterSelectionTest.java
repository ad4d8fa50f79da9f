package io.fileparser.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a re-queue or purge names its dead letters, without a database. */
class DeadLetterSelectionTest {

  private static final UUID JOB = UUID.randomUUID();

  @Test
  void namesJobsById() {
    DeadLetterSelection selection = DeadLetterSelection.parse(List.of(JOB), null, null, null);
    assertEquals(List.of(JOB), selection.jobIds());
    assertFalse(selection.all());
  }

  @Test
  void selectsAllOptionallyNarrowedByTenantAndFormat() {
    DeadLetterSelection selection = DeadLetterSelection.parse(null, true, "acme", "csv");
    assertTrue(selection.all());
    assertEquals("acme", selection.tenantId());
    assertEquals(FileFormat.CSV, selection.format());
    assertNull(DeadLetterSelection.parse(null, true, null, null).format());
  }

  @Test
  void refusesNeitherOrBoth() {
    assertInvalid(() -> DeadLetterSelection.parse(null, null, null, null));
    assertInvalid(() -> DeadLetterSelection.parse(null, false, null, null));
    assertInvalid(() -> DeadLetterSelection.parse(List.of(JOB), true, null, null));
  }

  @Test
  void refusesAnEmptyListOrANullId() {
    assertInvalid(() -> DeadLetterSelection.parse(List.of(), null, null, null));
    assertInvalid(() -> DeadLetterSelection.parse(Arrays.asList(JOB, null), null, null, null));
  }

  @Test
  void refusesFiltersBesideIds() {
    assertInvalid(() -> DeadLetterSelection.parse(List.of(JOB), null, "acme", null));
    assertInvalid(() -> DeadLetterSelection.parse(List.of(JOB), null, null, "pdf"));
  }

  @Test
  void refusesAnUnknownFormat() {
    assertInvalid(() -> DeadLetterSelection.parse(null, true, null, "docx"));
  }

  private static void assertInvalid(Runnable call) {
    assertEquals(
        ProblemType.INVALID_REQUEST, assertThrows(ProblemException.class, call::run).type());
  }
}
