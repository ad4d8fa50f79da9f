package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A status read ({@link JobService#find}) against PostgreSQL: the one statement that joins the
 * file, the steps and the dependencies shows the job exactly as the entity read by id does, and
 * another tenant's job is not found.
 */
@ComponentTest
class JobReadTest {

  private final ComponentDatabase db;
  private final TestJobs jobs;

  JobReadTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @Test
  void aCompletedJobReadsAsTheEntityShowsIt() {
    Job completed = jobs.job("done.csv").in(JobState.COMPLETED);

    JobView read = find(jobs.caller(), completed.getId());

    assertEquals(byId(completed.getId()), read);
    assertEquals(JobState.COMPLETED.name(), read.state());
  }

  @Test
  void aWaitingJobReadsWithItsStepsAndItsDependency() {
    Job waiting = jobs.job("waits.csv").in(JobState.WAITING);

    JobView read = find(jobs.caller(), waiting.getId());

    assertEquals(byId(waiting.getId()), read);
    assertEquals(1, read.dependsOn().size());
    assertEquals(byId(waiting.getId()).steps(), read.steps());
  }

  @Test
  void anotherTenantsJobIsNotFound() {
    Job theirs = TestJobs.forNewTenant(db).job("theirs.csv").in(JobState.COMPLETED);

    ProblemException e =
        assertThrows(ProblemException.class, () -> find(jobs.caller(), theirs.getId()));
    assertEquals(ProblemType.JOB_NOT_FOUND, e.type());
  }

  @Test
  void anUnknownJobIsNotFound() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> find(jobs.caller(), UUID.randomUUID()));
    assertEquals(ProblemType.JOB_NOT_FOUND, e.type());
  }

  /**
   * A second read of an unchanged job is answered from memory; once the job changes (here a
   * dependency finishes, which changes only the job's dependency list and a step) the next read
   * shows the change, as the entity does.
   */
  @Test
  void anUnchangedJobIsReadFromMemoryAndAChangedOneAnew() {
    Job waiting = jobs.job("waits.csv").in(JobState.WAITING);
    UUID dependency = byId(waiting.getId()).dependsOn().get(0).jobId();

    JobView first = find(jobs.caller(), waiting.getId());
    JobView again = find(jobs.caller(), waiting.getId());
    assertEquals(first, again);
    assertEquals(1, views.counted().hits());

    db.inTransaction(
        em ->
            em.find(Job.class, waiting.getId())
                .dependencyFinished(dependency, JobState.COMPLETED, java.time.Instant.now()));
    JobView changed = find(jobs.caller(), waiting.getId());

    assertEquals(byId(waiting.getId()), changed);
    assertEquals(JobState.COMPLETED.name(), changed.dependsOn().get(0).outcome());
    assertEquals(1, views.counted().hits());
  }

  /** A job remembered for its tenant is still not found by another tenant's caller. */
  @Test
  void aRememberedJobIsNotFoundByAnotherTenant() {
    TestJobs others = TestJobs.forNewTenant(db);
    Job theirs = others.job("theirs.csv").in(JobState.COMPLETED);
    assertEquals(theirs.getId(), find(others.caller(), theirs.getId()).id());

    ProblemException e =
        assertThrows(ProblemException.class, () -> find(jobs.caller(), theirs.getId()));
    assertEquals(ProblemType.JOB_NOT_FOUND, e.type());
  }

  private final JobViews views = JobViews.unregistered(1_000_000);

  private JobView find(Caller caller, UUID id) {
    return db.fromTransaction(
        em -> {
          JobService service = new JobService();
          service.em = em;
          service.views = views;
          return service.find(caller, id);
        });
  }

  private JobView byId(UUID id) {
    return db.fromTransaction(em -> JobView.from(em.find(Job.class, id)));
  }
}
