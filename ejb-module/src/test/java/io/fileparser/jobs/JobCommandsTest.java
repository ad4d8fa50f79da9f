package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.audit.AuditBeans;
import io.fileparser.dispatch.DispatchBeans;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancelling and deleting against PostgreSQL: the submitter or an admin or owner of the tenant may,
 * another member or service caller is refused before the job's state is looked at, another tenant's
 * caller does not find the job at all.
 */
@ComponentTest
class JobCommandsTest {

  private final ComponentDatabase db;
  private final TestJobs jobs;

  JobCommandsTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @Test
  void submitterCancelsItsOwnJob() {
    Job job = jobs.job("mine.csv").queued();

    JobView cancelled = cancel(jobs.caller(), job.getId(), false);

    assertEquals("CANCELLED", cancelled.state());
    assertEquals(JobState.CANCELLED, stateOf(job.getId()));
  }

  @Test
  void submitterDeletesItsOwnQueuedJob() {
    Job job = jobs.job("mine.csv").queued();

    assertEquals("CANCELLED", cancel(jobs.caller(), job.getId(), true).state());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anotherMemberIsForbiddenAndTheJobStaysQueued(boolean delete) {
    Job job = jobs.job("alices.csv").queued();

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> cancel(other("user:bob", Role.MEMBER), job.getId(), delete));

    assertEquals(ProblemType.FORBIDDEN, refused.type());
    assertEquals(JobState.QUEUED, stateOf(job.getId()));
  }

  @Test
  void anotherServiceCallerIsForbidden() {
    Job job = jobs.job("alices.csv").queued();

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> cancel(other("api-key:AbCdEfGh2345", Role.SERVICE), job.getId(), false));

    assertEquals(ProblemType.FORBIDDEN, refused.type());
    assertEquals(JobState.QUEUED, stateOf(job.getId()));
  }

  @Test
  void anotherMemberLearnsNothingOfAFinishedJobsState() {
    Job job = jobs.job("done.csv").in(JobState.COMPLETED);

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> cancel(other("user:bob", Role.MEMBER), job.getId(), false));

    assertEquals(ProblemType.FORBIDDEN, refused.type());
  }

  @ParameterizedTest
  @ValueSource(strings = {Role.ADMIN, Role.OWNER})
  void adminAndOwnerCancelAndDeleteAnyJobOfTheirTenant(String role) {
    Job running = jobs.job("running.csv").in(JobState.RUNNING);
    Job queued = jobs.job("queued.csv").queued();
    Caller admin = other("user:carol", role);

    assertEquals("CANCELLED", cancel(admin, running.getId(), false).state());
    assertEquals("CANCELLED", cancel(admin, queued.getId(), true).state());
  }

  @Test
  void anotherTenantsAdminDoesNotFindTheJob() {
    Job job = jobs.job("private.csv").queued();
    Caller stranger =
        new Caller(
            "ct-" + UUID.randomUUID(), "user:mallory", Set.of(Role.ADMIN), Caller.Method.JWT);

    ProblemException refused =
        assertThrows(ProblemException.class, () -> cancel(stranger, job.getId(), false));

    assertEquals(ProblemType.JOB_NOT_FOUND, refused.type());
    assertEquals(JobState.QUEUED, stateOf(job.getId()));
  }

  private JobView cancel(Caller caller, UUID id, boolean onlyIfQueued) {
    return db.fromTransaction(
        em -> {
          JobCommands commands = new JobCommands();
          commands.em = em;
          commands.events = DispatchBeans.jobEvents(em, jobs.queue());
          commands.audit = AuditBeans.log(em);
          return commands.cancel(caller, id, onlyIfQueued);
        });
  }

  private Caller other(String subject, String role) {
    return new Caller(jobs.tenantId(), subject, Set.of(role), Caller.Method.JWT);
  }

  private JobState stateOf(UUID id) {
    return db.fromTransaction(em -> em.find(Job.class, id).getState());
  }
}
