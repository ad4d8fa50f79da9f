package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.jobs.entity.ParseOutcome;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.detection.Detection;
import io.fileparser.workflow.WorkflowBeans;
import io.fileparser.workflow.WorkflowOptions;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Uploads that depend on other jobs, against PostgreSQL: the dependent waits, is released in the
 * transaction that completes its dependency, and no release is missed when the dependency finishes
 * while the dependent is being registered, whichever commits first.
 */
@ComponentTest
class DependentUploadTest {

  private static final Duration HOLD = Duration.ofMillis(1500);

  private final ComponentDatabase db;
  private final Caller caller;

  DependentUploadTest(ComponentDatabase db) {
    this.db = db;
    this.caller =
        new Caller("ct-" + UUID.randomUUID(), "user:alice", Set.of(Role.MEMBER), Caller.Method.JWT);
  }

  @Test
  void aDependentWaitsAndIsReleasedWhenItsDependencyCompletes() {
    UUID dependency = upload(WorkflowOptions.NONE).job().id();
    JobView dependent = upload(dependsOn(dependency)).job();

    assertEquals("WAITING", dependent.state());
    assertEquals(0, TestJobs.outboxOf(db, dependent.id()).size(), "nothing dispatched yet");

    db.inTransaction(em -> complete(em, dependency));

    assertEquals(JobState.QUEUED, stateOf(dependent.id()));
    assertEquals(1, TestJobs.outboxOf(db, dependent.id()).size(), "dispatched on release");
  }

  @Test
  void aDependencyCompletingWhileTheDependentIsRegisteredReleasesIt() throws Exception {
    UUID dependency = upload(WorkflowOptions.NONE).job().id();
    CountDownLatch registered = new CountDownLatch(1);
    CompletableFuture<UploadOutcome> registering =
        CompletableFuture.supplyAsync(
            () ->
                db.fromTransaction(
                    em -> {
                      UploadOutcome outcome = register(em, dependsOn(dependency));
                      registered.countDown();
                      pause();
                      return outcome;
                    }));
    registered.await(10, TimeUnit.SECONDS);

    db.inTransaction(em -> complete(em, dependency)); // waits for the registration's commit

    UUID dependent = registering.get(10, TimeUnit.SECONDS).job().id();
    assertEquals(JobState.QUEUED, stateOf(dependent));
  }

  @Test
  void aDependentRegisteredWhileItsDependencyCompletesIsQueuedAtOnce() throws Exception {
    UUID dependency = upload(WorkflowOptions.NONE).job().id();
    CountDownLatch completed = new CountDownLatch(1);
    CompletableFuture<Void> completing =
        CompletableFuture.runAsync(
            () ->
                db.inTransaction(
                    em -> {
                      complete(em, dependency);
                      completed.countDown();
                      pause();
                    }));
    completed.await(10, TimeUnit.SECONDS);

    JobView dependent = upload(dependsOn(dependency)).job(); // waits for the completion's commit

    completing.get(10, TimeUnit.SECONDS);
    assertEquals("QUEUED", dependent.state());
    assertEquals(JobState.QUEUED, stateOf(dependent.id()));
  }

  @Test
  void anotherTenantsJobIsNoDependencyAndNothingIsRegistered() {
    Caller other =
        new Caller("ct-" + UUID.randomUUID(), "user:eve", Set.of(Role.MEMBER), Caller.Method.JWT);
    UUID foreign =
        db.fromTransaction(
                em ->
                    registrar(em)
                        .register(
                            other,
                            received(),
                            uri(),
                            options(WorkflowOptions.NONE),
                            null,
                            "fp-" + UUID.randomUUID()))
            .job()
            .id();

    ProblemException refused =
        assertThrows(ProblemException.class, () -> upload(dependsOn(foreign)));

    assertEquals(ProblemType.DEPENDENCY_NOT_FOUND, refused.type());
    long jobs =
        db.fromTransaction(
            em ->
                em.createQuery("select count(j) from Job j where j.tenantId = :t", Long.class)
                    .setParameter("t", caller.tenantId())
                    .getSingleResult());
    assertEquals(0, jobs);
  }

  private UploadOutcome upload(WorkflowOptions workflow) {
    return db.fromTransaction(em -> register(em, workflow));
  }

  private UploadOutcome register(EntityManager em, WorkflowOptions workflow) {
    ComponentDatabase.limitLockWait(em, Duration.ofSeconds(10));
    return registrar(em)
        .register(caller, received(), uri(), options(workflow), null, "fp-" + UUID.randomUUID());
  }

  private UploadRegistrar registrar(EntityManager em) {
    UploadRegistrar registrar = UploadBeans.registrar(em, caller.tenantId());
    JobEvents events =
        WorkflowBeans.eventsWithDependencies(em, TestJobs.QUEUE_PREFIX + caller.tenantId());
    registrar.events = events;
    registrar.dependencies = WorkflowBeans.dependencies(em, events);
    return registrar;
  }

  private void complete(EntityManager em, UUID id) {
    ComponentDatabase.limitLockWait(em, Duration.ofSeconds(10));
    Job job = JobLocks.lock(em, id).orElseThrow();
    job.complete(new ParseOutcome("table", null, null, 0.9, false, 3L, null, "{}"), now());
    WorkflowBeans.eventsWithDependencies(em, TestJobs.QUEUE_PREFIX + caller.tenantId())
        .publish(job);
  }

  private JobState stateOf(UUID id) {
    return db.fromTransaction(em -> em.find(Job.class, id).getState());
  }

  private static UploadOptions options(WorkflowOptions workflow) {
    return new UploadOptions(5, null, null, null, null, workflow);
  }

  private static WorkflowOptions dependsOn(UUID id) {
    return new WorkflowOptions(List.of(id), WorkflowOptions.OnDependencyFailure.FAIL, null);
  }

  private static ReceivedFile received() {
    Instant t0 = now();
    return new ReceivedFile(
        new StagedObject(UUID.randomUUID() + ".part", 120),
        "dep.csv",
        TestJobs.randomSha256(),
        120,
        new Detection("text/csv", FileFormat.CSV, null),
        t0,
        t0,
        false,
        "{\"rows\":3}",
        ScanStatus.CLEAN,
        null,
        t0,
        null);
  }

  private static URI uri() {
    return URI.create("file:///component-test/" + UUID.randomUUID());
  }

  private static void pause() {
    try {
      Thread.sleep(HOLD.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
