package io.fileparser.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.dispatch.CollectedEvents;
import io.fileparser.dispatch.DispatchBeans;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.mapping.ApprovedMappingLookup;
import io.fileparser.notifications.JobNeedsMapping;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the workers report, applied to jobs in PostgreSQL: progress, completion at the assigned
 * location only, failures retried through the outbox, late reports of an old attempt ignored; and
 * each change in the job's history.
 */
@ComponentTest
class WorkerReportsTest {

  private final CollectedEvents<JobNeedsMapping> needsMapping = new CollectedEvents<>();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ComponentDatabase db;
  private final TestJobs jobs;

  WorkerReportsTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @Test
  void progressStartsTheJobAndAppearsInItsHistory() {
    Job job = jobs.job("a.csv").queued();

    assertTrue(apply(state(job, "PROGRESS", meta("parsing", 40))));

    Job running = reload(job);
    assertEquals(JobState.RUNNING, running.getState());
    assertEquals(40, running.progress().percent());
    assertEquals("QUEUED>RUNNING parsing 40", last(history(job)));
  }

  @Test
  void successAtTheAssignedLocationCompletesTheJob() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);

    apply(state(job, "SUCCESS", result(assignedLocation(job))));

    Job done = reload(job);
    assertEquals(JobState.COMPLETED, done.getState());
    assertEquals(assignedLocation(job), done.outcome().recordsUri());
    assertEquals("RUNNING>COMPLETED parsed 100", last(history(job)));
  }

  @Test
  void successThatNeedsMappingLeavesTheJobWaitingWithItsProfileAndTellsTheSubmitter() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);
    ObjectNode result = (ObjectNode) result(assignedLocation(job));
    result.put("needsMapping", true);
    result.putArray("columnProfile").addObject().put("name", "Src").put("inferredType", "phone");

    assertTrue(apply(state(job, "SUCCESS", result)));

    Job waiting = reload(job);
    assertEquals(JobState.NEEDS_MAPPING, waiting.getState());
    assertTrue(waiting.outcome().summaryJson().contains("\"Src\""));
    assertEquals("RUNNING>NEEDS_MAPPING parsed", last(history(job)));
    assertEquals(job.getId(), needsMapping.fired().get(0).jobId());
  }

  @Test
  void successAnywhereElseFailsTheAttemptAndTheJobIsRetried() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);
    String elsewhere = assignedLocation(job).replace(jobs.tenantId(), "another-tenant");

    apply(state(job, "SUCCESS", result(elsewhere)));

    Job retried = reload(job);
    assertEquals(JobState.QUEUED, retried.getState());
    assertEquals(TaskOutcomes.UNTRUSTED_RESULT, retried.failure().category());
    assertNull(retried.outcome().recordsUri(), "nothing of the untrusted result is kept");
    assertEquals(2, retried.attempt().count(), "the next attempt is in the outbox");
    assertEquals(2, jobs.outboxOf(job.getId()).size());
    assertEquals("RUNNING>QUEUED queued", last(history(job)));
  }

  @Test
  void aRetryableFailureQueuesTheNextAttemptAfterABackoff() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);

    apply(failure(job, "WorkerLostError"));

    Job retried = reload(job);
    assertEquals(JobState.QUEUED, retried.getState());
    assertNotEquals(job.attempt().taskId(), retried.attempt().taskId());
    assertTrue(retried.attempt().availableAt().isAfter(retried.getUpdatedAt()));
  }

  @Test
  void aFailureOfTheFilesOwnFailsTheJobAtOnce() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);

    apply(failure(job, "BadFile"));

    assertEquals(JobState.FAILED, reload(job).getState());
    assertEquals(1, jobs.outboxOf(job.getId()).size(), "no further attempt");
  }

  @Test
  void aReportOfAnAbandonedAttemptChangesNothing() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);
    String abandoned = job.attempt().taskId();
    String itsLocation = assignedLocation(job);
    apply(failure(job, "WorkerLostError"));
    int seq = reload(job).getEventSeq();

    boolean changed = apply(new TaskState(abandoned, "SUCCESS", result(itsLocation)));

    assertFalse(changed);
    assertEquals(JobState.QUEUED, reload(job).getState());
    assertEquals(seq, reload(job).getEventSeq());
  }

  @Test
  void historySeqsHaveNoGapsThroughAWholeLife() {
    Job job = jobs.job("a.csv").queued();
    apply(state(job, "STARTED", JSON.nullNode()));
    apply(state(job, "PROGRESS", meta("parsing", 50)));
    apply(failure(job, "TimeLimitExceeded"));
    Job second = reload(job);
    apply(state(second, "PROGRESS", meta("parsing", 10)));
    apply(state(second, "SUCCESS", result(assignedLocation(second))));

    List<Integer> seqs =
        db.fromTransaction(
            em ->
                em.createQuery(
                        "select e.key.seq from JobEvent e where e.key.jobId = :job"
                            + " order by e.key.seq",
                        Integer.class)
                    .setParameter("job", job.getId())
                    .getResultList());
    for (int i = 0; i < seqs.size(); i++) {
      assertEquals(i + 1, seqs.get(i));
    }
    assertEquals(reload(job).getEventSeq(), seqs.size());
    assertEquals(JobState.COMPLETED, reload(job).getState());
  }

  private boolean apply(TaskState state) {
    return db.fromTransaction(em -> outcomes(em).apply(state));
  }

  private TaskOutcomes outcomes(EntityManager em) {
    TaskOutcomes outcomes = new TaskOutcomes();
    outcomes.em = em;
    outcomes.retries = DispatchBeans.retries(3);
    outcomes.events = DispatchBeans.jobEvents(em, jobs.queue());
    outcomes.store = DispatchBeans.store();
    outcomes.needsMapping = needsMapping;
    outcomes.approvedMappings = ApprovedMappingLookup.over(em);
    outcomes.telemetry = new io.fileparser.telemetry.Telemetry();
    outcomes.discovery = io.fileparser.templates.TemplateDiscovery.over(em);
    return outcomes;
  }

  private String assignedLocation(Job job) {
    Job current = reload(job);
    return DispatchBeans.store()
        .resultLocation(jobs.tenantId(), job.getId(), current.attempt().count())
        .toString();
  }

  private Job reload(Job job) {
    return db.fromTransaction(em -> em.find(Job.class, job.getId()));
  }

  private List<String> history(Job job) {
    return TestJobs.historyOf(db, job.getId());
  }

  private TaskState state(Job job, String status, JsonNode result) {
    return new TaskState(reload(job).attempt().taskId(), status, result);
  }

  private TaskState failure(Job job, String type) {
    ObjectNode result = JSON.createObjectNode();
    result.put("exc_type", type);
    result.put("exc_message", "it went wrong");
    return state(job, "FAILURE", result);
  }

  private static JsonNode meta(String step, int percent) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("step", step);
    meta.put("percent", percent);
    return meta;
  }

  private static JsonNode result(String recordsUri) {
    ObjectNode result = JSON.createObjectNode();
    result.putObject("classification").put("layout", "generic_csv").put("confidence", 0.9);
    result.put("recordsUri", recordsUri);
    result.put("recordCount", 3);
    return result;
  }

  private static String last(List<String> lines) {
    return lines.get(lines.size() - 1);
  }
}
