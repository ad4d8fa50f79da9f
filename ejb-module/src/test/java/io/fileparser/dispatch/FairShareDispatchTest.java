package io.fileparser.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fair share in {@link OutboxBatch} against PostgreSQL and a real Redis: a tenant never has more
 * jobs in flight than its limit, however many relays run at once; a job that leaves flight lets the
 * tenant's most urgent held job go; another tenant's job is not held behind a burst.
 */
@ComponentTest
class FairShareDispatchTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static RedisTestDatabase redis;

  private final ComponentDatabase db;
  private final ExecutorService others = Executors.newFixedThreadPool(4);

  FairShareDispatchTest(ComponentDatabase db) {
    this.db = db;
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
    while (relay(200) > 0) {
      // others' messages go to their own queues
    }
  }

  @AfterEach
  void stopOtherThreads() {
    others.shutdownNow();
  }

  @Test
  void holdsTheJobsBeyondTheLimitInTheOutbox() {
    TestJobs tenant = tenantWithLimit(3);
    List<Job> queued =
        IntStream.range(0, 5).mapToObj(i -> tenant.job(i + ".csv").queued()).toList();

    assertEquals(3, relay(200));
    assertEquals(0, relay(200), "at its limit");

    assertEquals(3, inFlight(tenant));
    assertEquals(2, queued.stream().filter(j -> !sent(tenant, j)).count(), "held, still queued");
  }

  @Test
  void aJobThatLeavesFlightReleasesTheTenantsMostUrgentHeldJob() {
    TestJobs tenant = tenantWithLimit(2);
    Job first = tenant.job("first.csv").queuePriority(5).queued();
    tenant.job("second.csv").queuePriority(5).queued();
    relay(200);
    Job later = tenant.job("later.csv").queuePriority(8).queued();
    Job urgent = tenant.job("urgent.csv").queuePriority(1).queued();
    assertEquals(0, relay(200));

    cancel(first);

    assertEquals(1, relay(200));
    assertTrue(sent(tenant, urgent), "the most urgent held job went");
    assertFalse(sent(tenant, later));
    assertEquals(2, inFlight(tenant));
  }

  @Test
  void aJobBackInTheOutboxFreesItsPlace() {
    TestJobs tenant = tenantWithLimit(1);
    Job lost = tenant.job("lost.csv").queued();
    Job held = tenant.job("held.csv").queued();
    assertEquals(1, relay(200));
    assertFalse(sent(tenant, held));

    // the worker went silent: its job is retried later and no longer counts as in flight
    tenant.retryLater(lost.getId(), Instant.now().plusSeconds(3600));

    assertEquals(1, relay(200));
    assertTrue(sent(tenant, held));
    assertEquals(1, inFlight(tenant));
  }

  @Test
  void aCancelledHeldJobNeverGoesOut() {
    TestJobs tenant = tenantWithLimit(1);
    Job running = tenant.job("running.csv").queued();
    relay(200);
    Job held = tenant.job("held.csv").queued();

    cancel(held);
    cancel(running);

    assertEquals(0, relay(200));
    assertTrue(tenant.outboxOf(held.getId()).isEmpty(), "its message was dropped");
    assertEquals(0, inFlight(tenant));
  }

  @Test
  void anotherTenantsJobIsNotHeldBehindABurst() {
    TestJobs burst = tenantWithLimit(50);
    Instant earlier = Instant.now().minusSeconds(60);
    List<Job> many =
        IntStream.range(0, 30)
            .mapToObj(i -> burst.job(i + ".csv").queuePriority(5).createdAt(earlier).queued())
            .toList();
    TestJobs single = tenantWithLimit(50);
    Job one = single.job("one.csv").queuePriority(5).queued();

    assertEquals(4, relay(4));

    assertTrue(sent(single, one), "the single job went in the first batch");
    assertEquals(3, many.stream().filter(j -> sent(burst, j)).count());
  }

  @Test
  void aPausedTenantsHeldJobsStayHeld() {
    TestJobs tenant = tenantWithLimit(1);
    Job first = tenant.job("first.csv").queued();
    Job second = tenant.job("second.csv").queued();
    relay(200);
    db.inTransaction(
        em ->
            em.createNativeQuery(
                    "insert into dispatch_pauses (scope, tenant_id, paused_by, paused_at)"
                        + " values (?1, ?1, 'test', now())")
                .setParameter(1, tenant.tenantId())
                .executeUpdate());
    try {
      cancel(first);
      assertEquals(0, relay(200));
      assertFalse(sent(tenant, second));
    } finally {
      db.inTransaction(
          em ->
              em.createNativeQuery("delete from dispatch_pauses where scope = ?1")
                  .setParameter(1, tenant.tenantId())
                  .executeUpdate());
    }
    assertEquals(1, relay(200));
    assertTrue(sent(tenant, second));
  }

  /**
   * Two relays claim while the first keeps its transaction open: without the tenant's lock each
   * would count no job in flight and push up to the limit.
   */
  @Test
  void aSecondRelayDoesNotCountBeforeTheFirstCommits() throws Exception {
    TestJobs tenant = tenantWithLimit(3);
    IntStream.range(0, 8).forEach(i -> tenant.job(i + ".csv").queued());
    CountDownLatch firstClaimed = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(
            () ->
                db.fromTransaction(
                    em -> {
                      int pushed = DispatchBeans.outboxBatch(em, redis.connection()).relayDue(200);
                      firstClaimed.countDown();
                      await(secondDone);
                      return pushed;
                    }),
            others);
    await(firstClaimed);
    int second;
    try {
      second =
          db.fromTransaction(
              em -> {
                ComponentDatabase.limitLockWait(em, PATIENCE);
                return DispatchBeans.outboxBatch(em, redis.connection()).relayDue(200);
              });
    } finally {
      secondDone.countDown();
    }

    assertEquals(3, first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertEquals(0, second);
    assertEquals(0, relay(200), "at its limit once the first committed");
    assertEquals(3, inFlight(tenant));
  }

  /**
   * Relays on two threads (as on two instances) run round after round while jobs of the tenant
   * finish one by one; a watcher reading the committed state never sees more than the limit in
   * flight, and every job goes out in the end.
   */
  @Test
  void concurrentRelaysNeverPutMoreThanTheLimitInFlight() throws Exception {
    int limit = 3;
    int total = 24;
    TestJobs tenant = tenantWithLimit(limit);
    List<UUID> ids =
        IntStream.range(0, total).mapToObj(i -> tenant.job(i + ".csv").queued().getId()).toList();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong most = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);

    CompletableFuture<Void> watcher =
        CompletableFuture.runAsync(
            () -> {
              try (Connection c = db.connect()) {
                while (!done.get()) {
                  most.accumulateAndGet(inFlight(c, tenant.tenantId()), Math::max);
                }
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            },
            others);
    List<CompletableFuture<Void>> relays = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      relays.add(
          CompletableFuture.runAsync(
              () -> {
                await(start);
                while (!done.get()) {
                  relay(2);
                }
              },
              others));
    }
    start.countDown();
    int finished = 0;
    Instant deadline = Instant.now().plus(PATIENCE);
    while (finished < total && Instant.now().isBefore(deadline)) {
      for (UUID id : ids) {
        if (isDispatchedAndQueued(id)) {
          cancel(id);
          finished++;
        }
      }
    }
    done.set(true);
    CompletableFuture.allOf(relays.toArray(CompletableFuture[]::new))
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    watcher.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    assertEquals(total, finished, "every job went out and finished");
    assertTrue(most.get() <= limit, () -> "at most " + limit + " in flight, saw " + most.get());
    assertTrue(most.get() >= limit - 1, () -> "the limit was used, saw " + most.get());
  }

  private TestJobs tenantWithLimit(int limit) {
    TestJobs tenant = TestJobs.forNewTenant(db);
    db.inTransaction(
        em ->
            em.createNativeQuery("update tenants set max_jobs_in_flight = ?1 where id = ?2")
                .setParameter(1, limit)
                .setParameter(2, tenant.tenantId())
                .executeUpdate());
    return tenant;
  }

  private int relay(int limit) {
    return db.fromTransaction(
        em -> DispatchBeans.outboxBatch(em, redis.connection()).relayDue(limit));
  }

  private void cancel(Job job) {
    cancel(job.getId());
  }

  private void cancel(UUID jobId) {
    db.inTransaction(
        em -> {
          Job job = JobLocks.lock(em, jobId).orElseThrow();
          job.cancel("test", Instant.now().truncatedTo(ChronoUnit.MICROS));
          DispatchBeans.jobEvents(em, "component-test.fair-share").publish(job);
        });
  }

  private boolean isDispatchedAndQueued(UUID jobId) {
    return db.fromTransaction(
        em -> {
          Job job = em.find(Job.class, jobId);
          return job.getState() == io.fileparser.jobs.entity.JobState.QUEUED
              && job.attempt().dispatchedAt() != null;
        });
  }

  private boolean sent(TestJobs tenant, Job job) {
    return tenant.outboxOf(job.getId()).stream().anyMatch(m -> m.isSent());
  }

  private long inFlight(TestJobs tenant) {
    try (Connection c = db.connect()) {
      return inFlight(c, tenant.tenantId());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long inFlight(Connection c, String tenantId) {
    try (PreparedStatement s =
        c.prepareStatement(
            "select count(*) from jobs j where j.tenant_id = ? and " + OutboxBatch.IN_FLIGHT)) {
      s.setString(1, tenantId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("gave up waiting for the other transaction");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
