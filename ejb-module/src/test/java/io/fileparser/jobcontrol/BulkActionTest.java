package io.fileparser.jobcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which jobs each bulk action changes, and why it leaves the others. */
class BulkActionTest {

  @ParameterizedTest(name = "{0} of a {1} job: {2}")
  @CsvSource({
    "CANCEL, SCANNING, ",
    "CANCEL, QUARANTINED, ",
    "CANCEL, QUEUED, ",
    "CANCEL, RUNNING, ",
    "CANCEL, CANCELLED, already_cancelled",
    "CANCEL, COMPLETED, already_finished",
    "CANCEL, FAILED, already_finished",
    "CANCEL, DEAD_LETTERED, already_finished",
    "RETRY, FAILED, ",
    "RETRY, CANCELLED, ",
    "RETRY, DEAD_LETTERED, ",
    "RETRY, COMPLETED, completed",
    "RETRY, QUEUED, not_finished",
    "RETRY, RUNNING, not_finished",
    "RETRY, QUARANTINED, not_finished",
    "DELETE, QUEUED, ",
    "DELETE, RUNNING, ",
    "DELETE, COMPLETED, ",
    "DELETE, DEAD_LETTERED, ",
    "REPRIORITIZE, QUEUED, ",
    "REPRIORITIZE, RUNNING, not_queued",
    "REPRIORITIZE, FAILED, not_queued",
    "REPRIORITIZE, SCANNING, not_queued"
  })
  void skipsJobsTheActionDoesNotApplyTo(BulkAction action, JobState state, String reason) {
    assertEquals(Optional.ofNullable(reason), action.skipReason(state, 5, 7));
  }

  @Test
  void reprioritizingToTheSamePriorityIsSkipped() {
    assertEquals(
        Optional.of("same_priority"), BulkAction.REPRIORITIZE.skipReason(JobState.QUEUED, 7, 7));
  }

  @Test
  void actionsAreReadInAnyCaseAndAnythingElseIsAnInvalidRequest() {
    assertEquals(BulkAction.REPRIORITIZE, BulkAction.parse(" Reprioritize "));
    assertEquals("retry", BulkAction.RETRY.wireName());
    ProblemException e = assertThrows(ProblemException.class, () -> BulkAction.parse("purge"));
    assertEquals("invalid_request", e.type().code());
    assertThrows(ProblemException.class, () -> BulkAction.parse(null));
  }

  @Test
  void aSummaryCountsEachOutcome() {
    BulkResult result =
        BulkLedger.summary(
            BulkAction.CANCEL,
            false,
            java.util.List.of(
                ItemResult.done(java.util.UUID.randomUUID(), "CANCELLED"),
                ItemResult.skipped(java.util.UUID.randomUUID(), "COMPLETED", "already_finished"),
                ItemResult.failed(java.util.UUID.randomUUID(), "forbidden", 403, "not yours"),
                ItemResult.done(java.util.UUID.randomUUID(), "CANCELLED")));

    assertEquals(4, result.total());
    assertEquals(2, result.done());
    assertEquals(1, result.skipped());
    assertEquals(1, result.failed());
    assertEquals("COMPLETED", result.state());
    assertEquals(null, result.operationId());
  }
}
