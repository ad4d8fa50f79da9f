package io.fileparser.jobs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.StoredFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The job aggregate: every transition it allows and refuses, its steps, and its change log. */
class JobTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final String TASK = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  private static final UUID DEPENDENCY = UUID.fromString("0d9b1c3e-2f4a-4b5c-8d6e-7f8091a2b3c4");
  private static final UUID OTHER = UUID.fromString("1e0c2d4f-3a5b-4c6d-9e7f-8091a2b3c4d5");
  private static final Failure LOST = new Failure("WorkerLost", "silent", "it will be retried");
  private static final ParseOutcome FOUND =
      new ParseOutcome("generic_csv", null, null, 0.9, false, 3L, "file:///r.ndjson", "{}");
  private static final ParseOutcome UNSURE =
      new ParseOutcome(
          "generic_csv", null, null, 0.3, true, 3L, "file:///r.ndjson", "{\"columnProfile\":[]}");

  /** Each command, and the states it may start from (the others must refuse it). */
  private static final Map<String, Command> COMMANDS =
      Map.ofEntries(
          command("queue", j -> j.queue(t(1)), JobState.RECEIVED),
          command("holdForScan", j -> j.holdForScan(t(1)), JobState.RECEIVED),
          command(
              "quarantine",
              j -> j.quarantine("Eicar", t(1), t(1)),
              JobState.RECEIVED,
              JobState.SCANNING),
          command("releaseAfterScan", j -> j.releaseAfterScan(t(1)), JobState.SCANNING),
          command(
              "failScan",
              j -> j.failScan(Failure.malware("Eicar", "removed"), t(1)),
              JobState.SCANNING),
          command(
              "completeStep",
              j -> j.completeStep(Step.VALIDATED, t(1), t(1), "CSV"),
              JobState.RECEIVED,
              JobState.SCANNING),
          command(
              "assignTask",
              j -> j.assignTask(TASK, j.attempt().count() + 1, 4, t(1)),
              JobState.QUEUED),
          command(
              "reportProgress",
              j -> j.reportProgress("parsing", 10, null, t(1)),
              JobState.QUEUED,
              JobState.RUNNING),
          command("complete", j -> j.complete(FOUND, t(1)), JobState.QUEUED, JobState.RUNNING),
          command("fail", j -> j.fail(LOST, t(1)), JobState.QUEUED, JobState.RUNNING),
          command("deadLetter", j -> j.deadLetter(LOST, t(1)), JobState.QUEUED, JobState.RUNNING),
          command("retry", j -> j.retry(LOST, t(5), t(1)), JobState.QUEUED, JobState.RUNNING),
          command(
              "requeue",
              j -> j.requeue("user:alice", null, null, t(1)),
              JobState.FAILED,
              JobState.CANCELLED,
              JobState.DEAD_LETTERED),
          command("reprioritize", j -> j.reprioritize(9, "user:alice", t(1)), JobState.QUEUED),
          command(
              "delete",
              j -> j.delete("user:alice", t(1)),
              JobState.COMPLETED,
              JobState.FAILED,
              JobState.CANCELLED,
              JobState.DEAD_LETTERED),
          command(
              "cancel",
              j -> j.cancel("user:alice", t(1)),
              JobState.SCANNING,
              JobState.QUARANTINED,
              JobState.WAITING,
              JobState.SCHEDULED,
              JobState.QUEUED,
              JobState.RUNNING,
              JobState.NEEDS_MAPPING),
          command(
              "reschedule",
              j -> j.reschedule(t(30), "user:alice", t(1)),
              JobState.WAITING,
              JobState.SCHEDULED),
          command("fireSchedule", j -> j.fireSchedule(t(1)), JobState.SCHEDULED),
          command(
              "awaitMapping", j -> j.awaitMapping(UNSURE, t(1)), JobState.QUEUED, JobState.RUNNING),
          command(
              "resumeWithMapping",
              j -> j.resumeWithMapping("user:ada", t(1)),
              JobState.NEEDS_MAPPING),
          command(
              "rejectMapping",
              j -> j.rejectMapping(new Failure("MappingRejected", "no", "re-upload"), t(1)),
              JobState.NEEDS_MAPPING));

  static Stream<Arguments> everyCommandInEveryState() {
    List<Arguments> cases = new ArrayList<>();
    for (String name : COMMANDS.keySet()) {
      for (JobState state : JobState.values()) {
        cases.add(Arguments.of(name, state));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("everyCommandInEveryState")
  void eachCommandIsAllowedFromItsStatesAndRefusedFromAllOthers(String name, JobState from) {
    Command command = COMMANDS.get(name);
    Job job = jobIn(from);
    int seq = job.getEventSeq();
    job.drainChanges();

    if (command.allowed().contains(from)) {
      command.apply().accept(job);
      List<JobChanged> changes = job.drainChanges();
      int expected = name.equals("assignTask") ? 0 : 1;
      assertEquals(expected, changes.size(), () -> name + " recorded " + changes);
      changes.forEach(c -> assertEquals(from, c.from(), c::toString));
    } else {
      assertThrows(IllegalStateException.class, () -> command.apply().accept(job));
      assertEquals(from, job.getState(), "a refused command changes nothing");
      assertEquals(seq, job.getEventSeq(), "a refused command records nothing");
      assertTrue(job.drainChanges().isEmpty());
    }
  }

  @Test
  void aNewJobIsReceivedAndItsFirstChangeSaysSo() {
    Job job = newJob();

    assertEquals(JobState.RECEIVED, job.getState());
    JobChanged first = job.drainChanges().get(0);
    assertEquals(1, first.seq());
    assertNull(first.from());
    assertEquals(JobState.RECEIVED, first.to());
    assertEquals("received", first.step());
  }

  @Test
  void changesAreNumberedOneByOneWithoutGapsAcrossDrains() {
    Job job = newJob();
    job.completeStep(Step.STORED, T0, t(1), "stored");
    List<JobChanged> first = job.drainChanges();
    job.queue(t(2));
    job.assignTask(TASK, 1, 4, t(2));
    job.markDispatched(t(3));
    job.reportProgress("parsing", 50, "half", t(4));
    assertThrows(IllegalStateException.class, () -> job.releaseAfterScan(t(5)));
    job.complete(FOUND, t(6));
    List<JobChanged> rest = job.drainChanges();

    List<Integer> seqs = Stream.concat(first.stream(), rest.stream()).map(JobChanged::seq).toList();
    assertEquals(IntStream.rangeClosed(1, 6).boxed().toList(), seqs);
    assertEquals(6, job.getEventSeq());
    assertTrue(job.drainChanges().isEmpty(), "drained once");
  }

  @Test
  void everyChangeCarriesTheJobAndTenant() {
    Job job = newJob();
    job.queue(t(1));

    for (JobChanged change : job.drainChanges()) {
      assertEquals(job.getId(), change.jobId());
      assertEquals("acme", change.tenantId());
    }
  }

  @Test
  void queueingIsTheChangeDispatchActsOn() {
    Job job = newJob();
    job.queue(t(1));

    List<JobChanged> changes = job.drainChanges();
    JobChanged queued = changes.get(changes.size() - 1);
    assertTrue(queued.isQueueing());
    assertEquals(JobState.RECEIVED, queued.from());
    assertTrue(changes.stream().filter(JobChanged::isQueueing).count() == 1);
  }

  @Test
  void stepsStayInPipelineOrderWhateverOrderTheyArrive() {
    Job job = newJob();
    job.completeStep(Step.VALIDATED, t(2), t(2), "CSV");
    job.completeStep(Step.STORED, T0, t(1), "stored");
    job.holdForScan(t(3));

    assertEquals(
        List.of(Step.RECEIVED, Step.STORED, Step.SCANNED, Step.VALIDATED, Step.QUEUED, Step.PARSED),
        job.getSteps().stream().map(JobStep::getName).toList());
  }

  @Test
  void completeStepRefusesStepsThatOnlyTransitionsReach() {
    Job job = newJob();

    for (Step step : EnumSet.of(Step.QUEUED, Step.DISPATCHED, Step.PARSED)) {
      assertThrows(
          IllegalArgumentException.class, () -> job.completeStep(step, T0, T0, "no"), step::name);
    }
  }

  @Test
  void progressNeverGoesBackwardsAndStartsTheJobOnce() {
    Job job = jobIn(JobState.QUEUED);

    job.reportProgress("parsing", 40, null, t(1));
    job.reportProgress("parsing", 20, null, t(2));

    assertEquals(JobState.RUNNING, job.getState());
    assertEquals(40, job.progress().percent());
    assertEquals(t(1), job.getStartedAt());
  }

  @Test
  void aReportThatSaysNothingNewChangesAndRecordsNothing() {
    Job job = jobIn(JobState.QUEUED);
    assertTrue(job.reportProgress("parsing", 40, "rows 400", t(1)));
    job.drainChanges();

    // Every instance hears the same report; a late "started" arrives after real progress.
    assertFalse(job.reportProgress("parsing", 40, "rows 400", t(2)));
    assertFalse(job.reportProgress("started", 0, "a worker took the job", t(3)));
    assertFalse(job.reportProgress("p".repeat(40), 39, null, t(4)));

    assertEquals(List.of(), job.drainChanges());
    assertEquals("parsing", job.progress().step());
    assertEquals(t(1), job.getUpdatedAt());
  }

  @Test
  void aNewStepOrMessageAtTheSamePercentIsNews() {
    Job job = jobIn(JobState.QUEUED);
    job.reportProgress("parsing", 40, null, t(1));
    job.drainChanges();

    assertTrue(job.reportProgress("writing", 40, null, t(2)));
    assertTrue(job.reportProgress("writing", 40, "flushing", t(3)));
    assertEquals(2, job.drainChanges().size());
  }

  @Test
  void aReportMadeBeforeTheOneAppliedIsOldNewsThoughItSaysSomethingElse() {
    Job job = jobIn(JobState.RUNNING);
    Instant made = T0.plusMillis(500);
    assertTrue(job.reportProgress("writing", 100, "wrote 4 of 4 records", made, t(1)));
    assertTrue(job.reportProgress("writing", 100, "wrote 4 records", made.plusNanos(40_000), t(1)));
    job.drainChanges();

    // Another instance hears the first report only now, after this one applied the second.
    assertFalse(job.reportProgress("writing", 100, "wrote 4 of 4 records", made, t(2)));

    assertEquals(List.of(), job.drainChanges());
    assertEquals("wrote 4 records", job.progress().message());
    // A report made at the same instant, or without a time, is judged by what it says.
    assertTrue(job.reportProgress("writing", 100, "renamed", made.plusNanos(40_000), t(3)));
    assertTrue(job.reportProgress("writing", 100, "done", t(4)));
  }

  @Test
  void aTaskAssignedBeforeTheQueueingIsHeardIsKnownToBeThatQueueingsTask() {
    Job job = newJob();
    assertFalse(job.awaitsTask(), "not queued");
    job.queue(t(1));
    JobChanged queueing = last(job.drainChanges());
    assertTrue(job.awaitsTask());
    assertFalse(job.hasTaskFor(queueing));

    job.assignTask(TASK, 1, 4, t(1));

    assertFalse(job.awaitsTask());
    assertTrue(job.hasTaskFor(queueing));
    job.retry(LOST, t(2), t(2));
    JobChanged again = last(job.drainChanges());
    assertTrue(job.awaitsTask(), "queued again: the new attempt has no task yet");
    assertFalse(job.hasTaskFor(again));
  }

  @Test
  void aRetryForgetsWhenTheLastReportWasMade() {
    Job job = jobIn(JobState.RUNNING);
    job.reportProgress("writing", 90, "late", T0.plusSeconds(60), t(1));

    job.retry(LOST, t(2), t(2));
    job.assignTask("task-2", 2, 3, t(2));

    assertTrue(job.reportProgress("parsing", 10, "again", T0.plusSeconds(5), t(3)));
  }

  @Test
  void retryNamesTheAbandonedTaskResetsProgressAndWaitsOutTheBackoff() {
    Job job = jobIn(JobState.RUNNING);
    job.drainChanges();

    job.retry(LOST, t(30), t(10));

    JobChanged change = job.drainChanges().get(0);
    assertEquals(JobState.RUNNING, change.from());
    assertEquals(JobState.QUEUED, change.to());
    assertTrue(change.isQueueing());
    assertEquals(TASK, change.taskId());
    assertEquals(0, job.progress().percent());
    assertEquals(t(30), job.attempt().availableAt());
    assertEquals("WorkerLost", job.failure().category());
  }

  @Test
  void completionClearsTheLastFailureAndStoresTheOutcome() {
    Job job = jobIn(JobState.QUEUED);
    job.retry(LOST, t(1), t(1));
    job.assignTask(TASK, 2, 4, t(1));

    job.complete(FOUND, t(2));

    assertNull(job.failure());
    assertEquals("generic_csv", job.outcome().layout());
    assertEquals(100, job.progress().percent());
    assertEquals(t(2), job.getFinishedAt());
  }

  @Test
  void dispatchOfAFinishedJobRecordsNothing() {
    Job job = jobIn(JobState.CANCELLED);
    int seq = job.getEventSeq();

    job.markDispatched(t(9));

    assertEquals(seq, job.getEventSeq());
    assertNull(job.attempt().dispatchedAt());
  }

  @Test
  void quarantineKeepsTheSignatureAsTheFailure() {
    Job job = newJob();

    job.quarantine("Eicar-Test-Signature", t(1), t(1));

    assertEquals(JobState.QUARANTINED, job.getState());
    assertEquals("malware_detected", job.failure().category());
    assertEquals("Eicar-Test-Signature", job.failure().message());
  }

  @Test
  void cancelNamesWhoAndTheTaskToTerminate() {
    Job job = jobIn(JobState.RUNNING);
    job.drainChanges();

    job.cancel("user:alice", t(9));

    JobChanged change = job.drainChanges().get(0);
    assertEquals(JobState.CANCELLED, change.to());
    assertEquals(TASK, change.taskId());
    assertTrue(change.detail().contains("user:alice"));
    assertEquals(t(9), job.getFinishedAt());
  }

  @Test
  void requeueIsANewAttemptThatKeepsTheHistoryAndTheLastFailure() {
    Job job = jobIn(JobState.DEAD_LETTERED);
    int seq = job.getEventSeq();
    job.drainChanges();

    job.requeue("user:alice", 8, null, t(9));

    JobChanged change = job.drainChanges().get(0);
    assertEquals(JobState.DEAD_LETTERED, change.from());
    assertEquals(JobState.QUEUED, change.to());
    assertTrue(change.isQueueing(), "dispatch sends it like a new job");
    assertEquals(seq + 1, change.seq());
    assertTrue(change.detail().contains("user:alice"), change::toString);
    assertEquals(8, job.getPriority());
    assertNull(job.getFinishedAt());
    assertNull(job.attempt().availableAt(), "no backoff: at once");
    assertEquals(LOST, job.failure());
    assertEquals(t(9), job.getQueuedAt());
  }

  @Test
  void requeueWithATemplateVersionPinsItAndWithoutATemplateIsRefused() {
    Job plain = jobIn(JobState.FAILED);
    assertThrows(IllegalStateException.class, () -> plain.requeue("user:alice", null, 2, t(1)));
  }

  @Test
  void reprioritizingAQueuedJobQueuesItAgainAtTheNewPriority() {
    Job job = jobIn(JobState.QUEUED);
    job.drainChanges();

    job.reprioritize(1, "user:alice", t(3));

    JobChanged change = job.drainChanges().get(0);
    assertEquals(JobState.QUEUED, change.from());
    assertTrue(change.isQueueing());
    assertTrue(change.detail().contains("5 -> 1"), change::toString);
    assertEquals(1, job.getPriority());
  }

  @Test
  void deleteIsTheLastChangeAndNamesWho() {
    Job job = jobIn(JobState.CANCELLED);
    job.drainChanges();

    job.delete("user:bob", t(4));

    JobChanged change = job.drainChanges().get(0);
    assertEquals(JobState.CANCELLED, change.from());
    assertEquals(JobState.DELETED, change.to());
    assertEquals("deleted", change.step());
    assertTrue(change.detail().contains("user:bob"));
  }

  @Test
  void aJobWaitingForAMappingKeepsTheOutcomeAndGoesBackToTheQueueOnApproval() {
    Job job = jobIn(JobState.RUNNING);
    job.drainChanges();

    job.awaitMapping(UNSURE, t(2));
    JobChanged waiting = job.drainChanges().get(0);
    assertEquals(JobState.NEEDS_MAPPING, waiting.to());
    assertTrue(waiting.detail().contains("needs mapping"), waiting::toString);
    assertTrue(job.outcome().needsMapping());
    assertFalse(job.getState().isTerminal());
    assertNull(job.getFinishedAt());

    job.resumeWithMapping("user:ada", t(3));
    JobChanged queued = job.drainChanges().get(0);
    assertTrue(queued.isQueueing(), "dispatch acts on the approval");
    assertEquals(JobState.NEEDS_MAPPING, queued.from());
    assertTrue(queued.detail().contains("user:ada"));
    assertEquals(0, job.progress().percent());
  }

  @Test
  void aRejectedMappingFailsTheJobWithTheReason() {
    Job job = jobIn(JobState.NEEDS_MAPPING);
    job.drainChanges();

    job.rejectMapping(new Failure("MappingRejected", "not our file", "upload it again"), t(4));

    assertEquals(JobState.FAILED, job.getState());
    assertEquals("not our file", job.failure().message());
    assertEquals(t(4), job.getFinishedAt());
  }

  @Test
  void aJobWithAnOpenDependencyWaitsAndIsReleasedToTheQueueWhenTheLastOneCompletes() {
    Job job = newJob();
    job.dependOn(
        List.of(new JobDependency(DEPENDENCY, null), new JobDependency(OTHER, null)),
        DependencyPolicy.FAIL);
    job.queue(T0);
    assertEquals(JobState.WAITING, job.getState());
    assertEquals("waiting", last(job.drainChanges()).step());

    assertTrue(job.dependencyFinished(DEPENDENCY, JobState.COMPLETED, t(1)));
    assertEquals(JobState.WAITING, job.getState());
    assertFalse(job.drainChanges().get(0).isQueueing());
    assertFalse(
        job.dependencyFinished(DEPENDENCY, JobState.DELETED, t(2)), "a dependency finishes once");

    assertTrue(job.dependencyFinished(OTHER, JobState.COMPLETED, t(3)));
    assertEquals(JobState.QUEUED, job.getState());
    JobChanged released = job.drainChanges().get(0);
    assertTrue(released.isQueueing(), "dispatch acts on the release");
    assertEquals(JobState.WAITING, released.from());
    assertEquals(JobState.COMPLETED, job.getDependencies().get(0).outcome());
  }

  @Test
  void aFailedDependencyFailsAWaitingJobUnderTheFailPolicy() {
    Job job = newJob();
    job.dependOn(List.of(new JobDependency(DEPENDENCY, null)), DependencyPolicy.FAIL);
    job.queue(T0);

    job.dependencyFinished(DEPENDENCY, JobState.CANCELLED, t(1));

    assertEquals(JobState.FAILED, job.getState());
    assertEquals(Job.DEPENDENCY_FAILED, job.failure().category());
    assertTrue(job.failure().message().contains(DEPENDENCY.toString()));
    assertTrue(job.failure().message().contains("CANCELLED"));
    assertEquals(t(1), job.getFinishedAt());
  }

  @Test
  void aFailedDependencyReleasesAWaitingJobUnderTheContinuePolicy() {
    Job job = newJob();
    job.dependOn(List.of(new JobDependency(DEPENDENCY, null)), DependencyPolicy.CONTINUE);
    job.queue(T0);

    job.dependencyFinished(DEPENDENCY, JobState.DEAD_LETTERED, t(1));

    assertEquals(JobState.QUEUED, job.getState());
    assertNull(job.failure());
  }

  @Test
  void dependenciesFinishedBeforeAdmissionDecideAtOnce() {
    Job done = newJob();
    done.dependOn(
        List.of(new JobDependency(DEPENDENCY, JobState.COMPLETED)), DependencyPolicy.FAIL);
    done.queue(T0);
    assertEquals(JobState.QUEUED, done.getState());

    Job failed = newJob();
    failed.dependOn(List.of(new JobDependency(DEPENDENCY, JobState.FAILED)), DependencyPolicy.FAIL);
    failed.queue(T0);
    assertEquals(JobState.FAILED, failed.getState());
    assertEquals(Job.DEPENDENCY_FAILED, failed.failure().category());

    Job held = newJob();
    held.dependOn(List.of(new JobDependency(DEPENDENCY, null)), DependencyPolicy.FAIL);
    held.holdForScan(T0);
    held.dependencyFinished(DEPENDENCY, JobState.COMPLETED, t(1));
    assertEquals(JobState.SCANNING, held.getState(), "the scan decides first");
    held.releaseAfterScan(t(2));
    assertEquals(JobState.QUEUED, held.getState());
  }

  @Test
  void aScheduledJobEntersTheQueueWhenItsInstantComesAndNotBefore() {
    Job job = newJob();
    job.scheduleAt(t(10));
    job.queue(T0);
    assertEquals(JobState.SCHEDULED, job.getState());
    assertEquals(t(10), job.getScheduleAt());

    assertThrows(IllegalStateException.class, () -> job.fireSchedule(t(9)));
    job.fireSchedule(t(10));

    assertEquals(JobState.QUEUED, job.getState());
    assertTrue(job.drainChanges().stream().anyMatch(JobChanged::isQueueing));
  }

  @Test
  void anInstantThatHasComeAlreadyQueuesAtOnce() {
    Job job = newJob();
    job.scheduleAt(T0);
    job.queue(T0);
    assertEquals(JobState.QUEUED, job.getState());
  }

  @Test
  void reschedulingMovesTheInstantOrQueuesAJobWhoseNewInstantHasCome() {
    Job job = newJob();
    job.scheduleAt(t(10));
    job.queue(T0);
    job.drainChanges();

    job.reschedule(t(60), "user:alice", t(1));
    assertEquals(JobState.SCHEDULED, job.getState());
    assertEquals(t(60), job.getScheduleAt());
    assertTrue(job.drainChanges().get(0).detail().contains("user:alice"));

    job.reschedule(t(2), "user:alice", t(2));
    assertEquals(JobState.QUEUED, job.getState());
  }

  @Test
  void aWaitingJobWithAnInstantAheadIsScheduledWhenItsDependenciesFinish() {
    Job job = newJob();
    job.dependOn(List.of(new JobDependency(DEPENDENCY, null)), DependencyPolicy.FAIL);
    job.scheduleAt(t(30));
    job.queue(T0);
    assertEquals(JobState.WAITING, job.getState());

    job.dependencyFinished(DEPENDENCY, JobState.COMPLETED, t(1));

    assertEquals(JobState.SCHEDULED, job.getState());
    job.fireSchedule(t(30));
    assertEquals(JobState.QUEUED, job.getState());
  }

  @Test
  void dependenciesAndScheduleAreSetAtCreationOnly() {
    Job job = newJob();
    job.queue(T0);
    assertThrows(IllegalStateException.class, () -> job.dependOn(List.of(), DependencyPolicy.FAIL));
    assertThrows(IllegalStateException.class, () -> job.scheduleAt(t(5)));
    assertThrows(
        IllegalArgumentException.class, () -> new JobDependency(DEPENDENCY, JobState.RUNNING));
  }

  /** A job brought into {@code state} through the aggregate's own commands. */
  private static Job jobIn(JobState state) {
    Job job = newJob();
    switch (state) {
      case RECEIVED -> {}
      case SCANNING -> job.holdForScan(T0);
      case WAITING -> {
        job.dependOn(List.of(new JobDependency(DEPENDENCY, null)), DependencyPolicy.FAIL);
        job.queue(T0);
      }
      case SCHEDULED -> {
        job.scheduleAt(T0.plusMillis(500));
        job.queue(T0);
      }
      case QUARANTINED -> job.quarantine("Eicar", T0, T0);
      case QUEUED -> queued(job);
      case RUNNING -> {
        queued(job);
        job.reportProgress("started", 0, null, T0);
      }
      case COMPLETED -> {
        queued(job);
        job.complete(FOUND, T0);
      }
      case FAILED -> {
        queued(job);
        job.fail(LOST, T0);
      }
      case CANCELLED -> {
        queued(job);
        job.cancel("user:alice", T0);
      }
      case DEAD_LETTERED -> {
        queued(job);
        job.deadLetter(LOST, T0);
      }
      case DELETED -> {
        queued(job);
        job.complete(FOUND, T0);
        job.delete("user:alice", T0);
      }
      case NEEDS_MAPPING -> {
        queued(job);
        job.awaitMapping(UNSURE, T0);
      }
    }
    assertEquals(state, job.getState());
    return job;
  }

  private static void queued(Job job) {
    job.queue(T0);
    job.assignTask(TASK, 1, 4, T0);
  }

  private static Job newJob() {
    StoredFile file =
        new StoredFile(
            UUID.randomUUID(),
            "acme",
            "a".repeat(64),
            42,
            "text/csv",
            FileFormat.CSV,
            "file:///tmp/store/tenants/acme/aa/" + "a".repeat(64),
            "report.csv",
            T0);
    return new Job(
        UUID.randomUUID(),
        "acme",
        file,
        "report.csv",
        5,
        null,
        null,
        null,
        "user:alice",
        null,
        T0,
        T0);
  }

  private static JobChanged last(List<JobChanged> changes) {
    return changes.get(changes.size() - 1);
  }

  private static Instant t(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private record Command(Consumer<Job> apply, Set<JobState> allowed) {}

  private static Map.Entry<String, Command> command(
      String name, Consumer<Job> apply, JobState... allowed) {
    return Map.entry(name, new Command(apply, Set.of(allowed)));
  }
}
