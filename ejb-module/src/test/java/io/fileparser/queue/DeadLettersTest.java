package io.fileparser.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter list of {@link DeadLetters} against PostgreSQL: which jobs it shows to whom, in
 * which order, page by page, and that a cursor stays in the list it was taken from.
 */
@ComponentTest
class DeadLettersTest {

  private final ComponentDatabase db;
  private final TestJobs jobs;
  private final QueueScope admin;

  DeadLettersTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
    this.admin =
        QueueScope.tenant(
            new Caller(jobs.tenantId(), "user:admin", Set.of(Role.ADMIN), Caller.Method.JWT));
  }

  @Test
  void listsTheTenantsDeadLettersNewestFirstPageByPage() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Job oldest = jobs.job("a.csv").createdAt(t.minusSeconds(30)).in(JobState.DEAD_LETTERED);
    Job middle = jobs.job("b.csv").createdAt(t.minusSeconds(20)).in(JobState.DEAD_LETTERED);
    Job newest = jobs.job("c.csv").createdAt(t.minusSeconds(10)).in(JobState.DEAD_LETTERED);
    jobs.job("failed.csv").in(JobState.FAILED);
    TestJobs.forNewTenant(db).job("other.csv").in(JobState.DEAD_LETTERED);

    DeadLetterPage first = list(admin, null, null, 2, null);
    DeadLetterPage second = list(admin, null, null, 2, first.next());

    assertEquals(List.of(newest.getId(), middle.getId()), ids(first));
    assertEquals(List.of(oldest.getId()), ids(second));
    assertNull(second.next());
    DeadLetterView item = first.items().get(0);
    assertEquals(jobs.tenantId(), item.tenantId());
    assertEquals("c.csv", item.filename());
    assertEquals("CSV", item.format());
    assertEquals(1, item.attempts());
    assertEquals("worker_lost", item.failureCategory());
    assertEquals("the worker went silent", item.failureMessage());
    assertEquals(t.minusSeconds(10), item.deadLetteredAt());
  }

  @Test
  void narrowsToAFormat() {
    jobs.job("a.csv").in(JobState.DEAD_LETTERED);
    Job pdf = jobs.job("b.pdf").format(FileFormat.PDF).in(JobState.DEAD_LETTERED);

    assertEquals(List.of(pdf.getId()), ids(list(admin, null, "pdf", 50, null)));
  }

  @Test
  void theOperatorNarrowsToATenant() {
    Job dead = jobs.job("a.csv").in(JobState.DEAD_LETTERED);
    TestJobs.forNewTenant(db).job("other.csv").in(JobState.DEAD_LETTERED);

    assertEquals(
        List.of(dead.getId()),
        ids(list(QueueScope.platform("user:ops"), jobs.tenantId(), null, 50, null)));
  }

  @Test
  void aCursorOfOneListIsInvalidInAnother() {
    jobs.job("a.csv").in(JobState.DEAD_LETTERED);
    jobs.job("b.csv").in(JobState.DEAD_LETTERED);
    String next = list(admin, null, null, 1, null).next();

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> list(QueueScope.platform("user:ops"), null, null, 1, next));
    assertEquals(ProblemType.INVALID_CURSOR, refused.type());
  }

  private DeadLetterPage list(
      QueueScope scope, String tenant, String format, int limit, String cursor) {
    return db.fromTransaction(
        em -> {
          DeadLetters deadLetters = new DeadLetters();
          deadLetters.em = em;
          return deadLetters.list(scope, tenant, format, limit, cursor);
        });
  }

  private static List<UUID> ids(DeadLetterPage page) {
    return page.items().stream().map(DeadLetterView::jobId).toList();
  }
}
