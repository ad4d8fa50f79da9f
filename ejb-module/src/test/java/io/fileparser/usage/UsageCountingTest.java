package io.fileparser.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.ratelimit.EndpointClass;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.usage.UsageReportView.TenantUsage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Counting against real PostgreSQL and Redis: API calls from Redis through a fold into the
 * counters, each counted once whatever stage the fold is at; the running total of stored bytes and
 * its closing value per day; one tenant's concurrent uploads counted in stripes of their own,
 * without waiting for each other's commit.
 */
@ComponentTest
class UsageCountingTest {

  private static final LocalDate DAY1 = LocalDate.parse("2026-01-05");
  private static final LocalDate DAY2 = DAY1.plusDays(1);
  private static final LocalDate DAY3 = DAY1.plusDays(2);

  private static RedisTestDatabase redis;

  private final ComponentDatabase db;
  private final String tenant = "usage-" + UUID.randomUUID();

  UsageCountingTest(ComponentDatabase db) {
    this.db = db;
  }

  @BeforeAll
  static void openRedis() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void closeRedis() {
    redis.close();
  }

  @Test
  void apiCallsAreCountedOnceBeforeDuringAndAfterAFold() {
    ApiCallLedger ledger = UsageBeans.ledger(redis.connection());
    for (int i = 0; i < 3; i++) {
      ledger.count(tenant, EndpointClass.READ, at(DAY1));
    }
    ledger.count(tenant, EndpointClass.UPLOAD, at(DAY1));
    ledger.count(tenant, EndpointClass.UPLOAD, at(DAY2));
    assertCalls(3, 1, 1);

    ledger.moveLive();
    assertCalls(3, 1, 1); // moved, not applied
    List<ApiCallCount> pending =
        ledger.pending().stream().filter(c -> c.tenantId().equals(tenant)).toList();
    assertEquals(3, pending.size());

    assertEquals(3, (int) db.fromTransaction(em -> UsageBeans.folds(em).apply(pending)));
    assertCalls(3, 1, 1); // applied, still pending in Redis: a round cut short

    ledger.count(tenant, EndpointClass.READ, at(DAY1)); // a call after the move
    assertCalls(4, 1, 1);

    // the cut-short round's counts are applied again by the next round: nothing changes
    assertEquals(0, (int) db.fromTransaction(em -> UsageBeans.folds(em).apply(pending)));
    ledger.forget(pending);
    assertCalls(4, 1, 1);

    ledger.moveLive();
    List<ApiCallCount> next =
        ledger.pending().stream().filter(c -> c.tenantId().equals(tenant)).toList();
    db.inTransaction(em -> UsageBeans.folds(em).apply(next));
    ledger.forget(next);
    assertCalls(4, 1, 1);
    long stored =
        db.fromTransaction(
            em ->
                ((Number)
                        em.createNativeQuery(
                                "select sum(value) from usage_counters where tenant_id = ?1"
                                    + " and day = ?2 and metric = 'api_calls_read'")
                            .setParameter(1, tenant)
                            .setParameter(2, DAY1)
                            .getSingleResult())
                    .longValue());
    assertEquals(4L, stored);
  }

  @Test
  void storageHeldIsTheRunningTotalClosingEachDay() {
    db.inTransaction(
        em -> {
          UsageCounters counters = UsageBeans.counters(em);
          counters.uploadRegistered(tenant, 100, true, at(DAY1));
          counters.uploadRegistered(tenant, 100, false, at(DAY1)); // the same bytes again
        });
    db.inTransaction(em -> UsageBeans.counters(em).uploadRegistered(tenant, 30, true, at(DAY2)));
    db.inTransaction(em -> UsageBeans.counters(em).fileRemoved(tenant, 100, at(DAY3)));

    List<TenantUsage> days = report(UsageScope.tenant(tenant), null, "day", DAY1, DAY3.plusDays(1));
    assertEquals(
        List.of(100L, 130L, 30L, 30L), days.stream().map(TenantUsage::storageHeldBytes).toList());
    assertEquals(List.of(2L, 1L, 0L, 0L), days.stream().map(TenantUsage::uploads).toList());
    assertEquals(
        List.of(200L, 30L, 0L, 0L), days.stream().map(TenantUsage::bytesReceived).toList());
    assertEquals(List.of(100L, 30L, 0L, 0L), days.stream().map(TenantUsage::bytesStored).toList());
    assertEquals(List.of(0L, 0L, 100L, 0L), days.stream().map(TenantUsage::bytesRemoved).toList());

    // a range that starts after the last change still knows what is held
    List<TenantUsage> later =
        report(UsageScope.platform(), tenant, "day", DAY3.plusDays(5), DAY3.plusDays(5));
    assertEquals(30L, later.get(0).storageHeldBytes());
    TenantUsage month = report(UsageScope.tenant(tenant), null, "month", DAY1, DAY1).get(0);
    assertEquals(30L, month.storageHeldBytes());
    assertEquals(3L, month.uploads());
    assertEquals(130L, month.bytesStored());
  }

  @Test
  void aTenantsConcurrentUploadsDoNotWaitForEachOthersCommit() throws Exception {
    CountDownLatch counted = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    AtomicInteger firstStripe = new AtomicInteger();
    AtomicInteger secondStripe = new AtomicInteger();
    AtomicBoolean secondDoneBeforeFirstCommitted = new AtomicBoolean();
    Thread first =
        new Thread(
            () ->
                db.inTransaction(
                    em -> {
                      firstStripe.set(UsageCounters.stripe());
                      UsageBeans.counters(em).uploadRegistered(tenant, 100, true, at(DAY1));
                      counted.countDown();
                      // held open (with its rows locked) until the other upload committed
                      secondDoneBeforeFirstCommitted.set(await(secondDone));
                    }));
    first.start();
    assertTrue(counted.await(10, TimeUnit.SECONDS));
    Thread second =
        new Thread(
            () -> {
              secondStripe.set(UsageCounters.stripe());
              db.inTransaction(
                  em -> {
                    ComponentDatabase.limitLockWait(em, Duration.ofSeconds(5));
                    UsageBeans.counters(em).uploadRegistered(tenant, 30, true, at(DAY1));
                  });
              secondDone.countDown();
            });
    second.start();
    second.join(20_000);
    first.join(20_000);
    assertTrue(secondDoneBeforeFirstCommitted.get(), "the second upload committed first");
    assertNotEquals(firstStripe.get(), secondStripe.get(), "threads made one after the other");

    // each figure is the sum of its stripes, the stored bytes held too
    db.inTransaction(em -> UsageBeans.counters(em).fileRemoved(tenant, 100, at(DAY2)));
    List<TenantUsage> days = report(UsageScope.tenant(tenant), null, "day", DAY1, DAY2);
    assertEquals(List.of(2L, 0L), days.stream().map(TenantUsage::uploads).toList());
    assertEquals(List.of(130L, 0L), days.stream().map(TenantUsage::bytesStored).toList());
    assertEquals(List.of(130L, 30L), days.stream().map(TenantUsage::storageHeldBytes).toList());
    assertEquals(
        30L, report(UsageScope.tenant(tenant), null, "day", DAY3, DAY3).get(0).storageHeldBytes());
  }

  @Test
  void theClosingValueOfADaySumsEachStripesLatestOnOrBeforeIt() {
    // three stripes, each changing on days of its own; rows as UsageCounters writes them
    db.inTransaction(
        em -> {
          held(em, 1, DAY1, 100);
          held(em, 2, DAY2, 40);
          held(em, 1, DAY3, 70); // stripe 1 gave up 30 on day 3
          held(em, 3, DAY3.plusDays(2), -40); // stripe 3 removed what stripe 2 stored
        });
    List<TenantUsage> days = report(UsageScope.tenant(tenant), null, "day", DAY2, DAY3.plusDays(3));
    assertEquals(
        List.of(140L, 110L, 110L, 70L, 70L),
        days.stream().map(TenantUsage::storageHeldBytes).toList());
  }

  private void held(EntityManager em, int stripe, LocalDate day, long bytes) {
    em.createNativeQuery(
            "insert into usage_storage_days (tenant_id, day, stripe, held_bytes)"
                + " values (?1, ?2, ?3, ?4)")
        .setParameter(1, tenant)
        .setParameter(2, day)
        .setParameter(3, (short) stripe)
        .setParameter(4, bytes)
        .executeUpdate();
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void theOperatorIsToldOfAnUnknownTenantAnOwnerSeesOnlyTheirOwn() {
    ProblemException unknown =
        assertThrows(
            ProblemException.class,
            () -> report(UsageScope.platform(), "never-" + UUID.randomUUID(), "day", DAY1, DAY1));
    assertEquals(ProblemType.TENANT_NOT_FOUND, unknown.type());
    ProblemException other =
        assertThrows(
            ProblemException.class,
            () -> report(UsageScope.tenant(tenant), "someone-else", "day", DAY1, DAY1));
    assertEquals(ProblemType.FORBIDDEN, other.type());
  }

  private void assertCalls(long readsDay1, long uploadsDay1, long uploadsDay2) {
    List<TenantUsage> days = report(UsageScope.tenant(tenant), null, "day", DAY1, DAY2);
    assertEquals(readsDay1, days.get(0).apiCalls().read(), "reads on day 1");
    assertEquals(uploadsDay1, days.get(0).apiCalls().upload(), "uploads on day 1");
    assertEquals(uploadsDay2, days.get(1).apiCalls().upload(), "uploads on day 2");
    assertEquals(0, days.get(1).apiCalls().read(), "reads on day 2");
  }

  private List<TenantUsage> report(
      UsageScope scope, String requested, String period, LocalDate from, LocalDate to) {
    UsageRange range = UsageRange.parse(period, from.toString(), to.toString(), to);
    return db.fromTransaction(
            em -> UsageBeans.report(em, redis.connection()).report(scope, requested, range))
        .items();
  }

  private static Instant at(LocalDate day) {
    return day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
  }
}
