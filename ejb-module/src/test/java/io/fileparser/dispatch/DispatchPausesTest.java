package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.audit.AuditBeans;
import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DispatchPauses} with {@link OutboxBatch} against PostgreSQL and a real Redis: a paused
 * tenant's messages stay unsent while other tenants' leave, a global pause holds everyone's, and a
 * resume lets what waited go, announcing it so the relay is kicked. A global pause holds this run's
 * other component tests too, so each test resumes everything it paused.
 */
@ComponentTest
class DispatchPausesTest {

  private static RedisTestDatabase redis;

  private final ComponentDatabase db;
  private final TestJobs paused;
  private final TestJobs running;
  private final CollectedEvents<DispatchResumed> resumed = new CollectedEvents<>();

  DispatchPausesTest(ComponentDatabase db) {
    this.db = db;
    this.paused = TestJobs.forNewTenant(db);
    this.running = TestJobs.forNewTenant(db);
  }

  @BeforeAll
  static void openRedis() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void closeRedis() {
    redis.deleteKeysStartingWith(TestJobs.QUEUE_PREFIX);
    redis.close();
  }

  @BeforeEach
  void relayWhatOthersLeftDue() {
    relayAll();
  }

  @AfterEach
  void resumeEverything() {
    db.inTransaction(
        em -> {
          pauses(em).resume(null, "user:test");
          pauses(em).resume(paused.tenantId(), "user:test");
        });
  }

  @Test
  void aPausedTenantsTasksWaitWhileOtherTenantsTasksLeave() {
    db.inTransaction(em -> pauses(em).pause(paused.tenantId(), "user:admin"));
    Job held = paused.job("held.csv").queued();
    Job sent = running.job("sent.csv").queued();

    relayAll();

    assertFalse(paused.outboxOf(held.getId()).get(0).isSent(), "the paused tenant's task waits");
    assertTrue(running.outboxOf(sent.getId()).get(0).isSent(), "another tenant's task left");
  }

  @Test
  void resumingLetsWhatWaitedGoAndAnnouncesIt() {
    db.inTransaction(em -> pauses(em).pause(paused.tenantId(), "user:admin"));
    Job held = paused.job("held.csv").queued();
    relayAll();

    assertTrue(resume(paused.tenantId(), "user:admin"));
    relayAll();

    assertEquals(List.of(new DispatchResumed(paused.tenantId())), resumed.fired());
    assertTrue(paused.outboxOf(held.getId()).get(0).isSent());
  }

  @Test
  void aGlobalPauseHoldsEveryTenantUntilResumed() {
    db.inTransaction(em -> pauses(em).pause(null, "user:operator"));
    Job first = paused.job("a.csv").queued();
    Job second = running.job("b.csv").queued();

    relayAll();
    assertFalse(paused.outboxOf(first.getId()).get(0).isSent());
    assertFalse(running.outboxOf(second.getId()).get(0).isSent());

    db.inTransaction(em -> pauses(em).resume(null, "user:operator"));
    relayAll();
    assertTrue(paused.outboxOf(first.getId()).get(0).isSent());
    assertTrue(running.outboxOf(second.getId()).get(0).isSent());
  }

  @Test
  void resumingGloballyLeavesATenantsOwnPause() {
    db.inTransaction(
        em -> {
          pauses(em).pause(null, "user:operator");
          pauses(em).pause(paused.tenantId(), "user:admin");
          pauses(em).resume(null, "user:operator");
        });
    Job held = paused.job("held.csv").queued();

    relayAll();

    assertFalse(paused.outboxOf(held.getId()).get(0).isSent());
    assertEquals(
        List.of(paused.tenantId()),
        db.fromTransaction(em -> pauses(em).inForce(paused.tenantId())).stream()
            .map(DispatchPause::tenantId)
            .toList());
  }

  @Test
  void aChangeIsAuditedOnceAndRepeatingItChangesNothing() {
    assertTrue(pause(paused.tenantId(), "user:admin"));
    assertFalse(pause(paused.tenantId(), "user:admin"));
    assertTrue(resume(paused.tenantId(), "user:admin"));
    assertFalse(resume(paused.tenantId(), "user:admin"));

    assertEquals(
        List.of("dispatch.paused", "dispatch.resumed"),
        db.fromTransaction(
            em ->
                em.createNativeQuery(
                        "select action from audit_log where tenant_id = ?1 order by id",
                        String.class)
                    .setParameter(1, paused.tenantId())
                    .getResultList()));
    assertEquals(1, resumed.fired().size(), "a resume of what was not paused announces nothing");
  }

  @Test
  void refusesToPauseATenantThatDoesNotExist() {
    ProblemException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ProblemException.class,
            () -> db.inTransaction(em -> pauses(em).pause("no-such-tenant", "user:operator")));
    assertEquals(ProblemType.INVALID_REQUEST, refused.type());
  }

  private boolean pause(String tenantId, String actor) {
    return db.<Boolean>fromTransaction(em -> pauses(em).pause(tenantId, actor));
  }

  private boolean resume(String tenantId, String actor) {
    return db.<Boolean>fromTransaction(em -> pauses(em).resume(tenantId, actor));
  }

  private DispatchPauses pauses(EntityManager em) {
    DispatchPauses pauses = new DispatchPauses();
    pauses.em = em;
    pauses.audit = AuditBeans.log(em);
    pauses.resumed = resumed;
    return pauses;
  }

  private void relayAll() {
    while (db.fromTransaction(em -> DispatchBeans.outboxBatch(em, redis.connection()).relayDue(200))
        > 0) {
      // every due message of the database, each to its own queue
    }
  }
}
