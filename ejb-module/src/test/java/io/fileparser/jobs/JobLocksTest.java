package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JobLocks} against PostgreSQL: what it finds, and that its row lock makes a second locker
 * wait for the first transaction and then read the row as that transaction left it.
 */
@ComponentTest
class JobLocksTest {

  /** Long enough for any honest wait here; a test that waits this long has found a bug. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final ComponentDatabase db;
  private final TestJobs jobs;
  private final ExecutorService second = Executors.newSingleThreadExecutor();

  JobLocksTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @AfterEach
  void stopSecondThread() {
    second.shutdownNow();
  }

  @Test
  void lockOfAMissingJobIsEmpty() {
    Optional<Job> locked = db.fromTransaction(em -> JobLocks.lock(em, UUID.randomUUID()));

    assertTrue(locked.isEmpty());
  }

  @Test
  void lockReadsTheJob() {
    Job job = jobs.job("a.csv").queued();

    Job locked = db.fromTransaction(em -> JobLocks.lock(em, job.getId()).orElseThrow());

    assertEquals(job.getId(), locked.getId());
    assertEquals(JobState.QUEUED, locked.getState());
  }

  @Test
  void lockByTaskFindsTheJobOfThatTask() {
    jobs.job("other.csv").queued();
    Job job = jobs.job("a.csv").queued();

    Optional<Job> locked =
        db.fromTransaction(em -> JobLocks.lockByTask(em, job.attempt().taskId()));

    assertEquals(Optional.of(job.getId()), locked.map(Job::getId));
  }

  @Test
  void lockByAnUnknownTaskIsEmpty() {
    jobs.job("a.csv").queued();

    Optional<Job> locked =
        db.fromTransaction(em -> JobLocks.lockByTask(em, UUID.randomUUID().toString()));

    assertTrue(locked.isEmpty());
  }

  @Test
  void lockByTaskFollowsTheJobToItsNewTask() {
    Job job = jobs.job("a.csv").in(JobState.RUNNING);
    String firstTask = job.attempt().taskId();
    Job retried = jobs.retryLater(job.getId(), TestJobs.now().plusSeconds(3600));

    assertTrue(db.fromTransaction(em -> JobLocks.lockByTask(em, firstTask)).isEmpty());
    assertEquals(
        Optional.of(job.getId()),
        db.fromTransaction(em -> JobLocks.lockByTask(em, retried.attempt().taskId()))
            .map(Job::getId));
  }

  @Test
  void secondLockerWaitsUntilTheFirstCommitsAndThenReadsItsChange() throws Exception {
    Job job = jobs.job("a.csv").queued();
    AtomicInteger secondPid = new AtomicInteger();
    CompletableFuture<Job> secondLock = new CompletableFuture<>();

    db.inTransaction(
        em -> {
          Job mine = JobLocks.lock(em, job.getId()).orElseThrow();
          second.execute(
              () -> {
                try {
                  secondLock.complete(
                      db.fromTransaction(
                          other -> {
                            secondPid.set(backendPid(other));
                            ComponentDatabase.limitLockWait(other, PATIENCE);
                            return JobLocks.lock(other, job.getId()).orElseThrow();
                          }));
                } catch (RuntimeException e) {
                  secondLock.completeExceptionally(e);
                }
              });
          awaitWaitingForALock(secondPid);
          assertFalse(secondLock.isDone(), "the second locker did not wait");

          mine.reportProgress("parsing", 40, "under way", TestJobs.now());
        });

    Job seen = secondLock.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertEquals(JobState.RUNNING, seen.getState());
    assertEquals(40, seen.progress().percent());
  }

  @Test
  void lockingOneJobDoesNotHoldUpAnother() throws Exception {
    Job held = jobs.job("a.csv").queued();
    Job free = jobs.job("b.csv").queued();

    Optional<Job> locked =
        db.fromTransaction(
            em -> {
              JobLocks.lock(em, held.getId()).orElseThrow();
              CompletableFuture<Optional<Job>> other =
                  CompletableFuture.supplyAsync(
                      () ->
                          db.fromTransaction(
                              em2 -> {
                                ComponentDatabase.limitLockWait(em2, Duration.ofMillis(500));
                                return JobLocks.lock(em2, free.getId());
                              }),
                      second);
              try {
                return other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError("locking another job failed", e);
              }
            });

    assertEquals(Optional.of(free.getId()), locked.map(Job::getId));
  }

  @Test
  void lockAllLocksEveryListedJob() throws Exception {
    Job a = jobs.job("a.csv").queued();
    Job b = jobs.job("b.csv").queued();
    Job c = jobs.job("c.csv").queued();

    List<Boolean> lockable =
        db.fromTransaction(
            em -> {
              JobLocks.lockAll(em, List.of(b.getId(), a.getId()));
              try {
                return CompletableFuture.supplyAsync(
                        () -> List.of(canLockNow(a), canLockNow(b), canLockNow(c)), second)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });

    assertEquals(List.of(false, false, true), lockable);
  }

  /** Whether another transaction can lock the job without waiting. */
  private boolean canLockNow(Job job) {
    try (Connection connection = db.connect();
        PreparedStatement lock =
            connection.prepareStatement("select id from jobs where id = ? for update nowait")) {
      connection.setAutoCommit(false);
      lock.setObject(1, job.getId());
      lock.executeQuery().close();
      connection.rollback();
      return true;
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) { // lock_not_available
        return false;
      }
      throw new IllegalStateException(e);
    }
  }

  private static int backendPid(EntityManager em) {
    return ((Number) em.createNativeQuery("select pg_backend_pid()").getSingleResult()).intValue();
  }

  /** Returns once the session {@code pid} is blocked on a lock, as pg_stat_activity shows it. */
  private void awaitWaitingForALock(AtomicInteger pid) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try (Connection watcher = db.connect();
        PreparedStatement waitEvent =
            watcher.prepareStatement(
                "select wait_event_type from pg_stat_activity where pid = ?")) {
      while (System.nanoTime() < deadline) {
        if (pid.get() != 0) {
          waitEvent.setInt(1, pid.get());
          try (ResultSet row = waitEvent.executeQuery()) {
            if (row.next() && "Lock".equals(row.getString(1))) {
              return;
            }
          }
        }
        Thread.sleep(10);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    throw new AssertionError("the second locker never waited for the lock");
  }
}
