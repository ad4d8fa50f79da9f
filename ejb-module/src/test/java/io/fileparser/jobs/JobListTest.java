package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The job list ({@link JobService#list}) against PostgreSQL: its filters, its order and its keyset
 * paging, within one tenant. Every test has a tenant of its own, so it sees only its own jobs.
 */
@ComponentTest
class JobListTest {

  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

  private final ComponentDatabase db;
  private final TestJobs jobs;

  JobListTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @Test
  void filtersByState() {
    Job queued = jobs.job("a.csv").queued();
    Job running = jobs.job("b.csv").in(JobState.RUNNING);
    Job completed = jobs.job("c.csv").in(JobState.COMPLETED);
    Job failed = jobs.job("d.csv").in(JobState.FAILED);

    assertEquals(
        ids(completed, failed), idSet(list(query().states(JobState.COMPLETED, JobState.FAILED))));
    assertEquals(ids(queued), idSet(list(query().states(JobState.QUEUED))));
    assertEquals(ids(queued, running, completed, failed), idSet(list(query())));
  }

  @Test
  void everyStateCanBeListedOnItsOwn() {
    Map<JobState, Job> oneInEach = new EnumMap<>(JobState.class);
    // RECEIVED lasts only inside the registering transaction, DELETED only in the deleting one: no
    // committed job is in either.
    Set<JobState> committed = EnumSet.complementOf(EnumSet.of(JobState.RECEIVED, JobState.DELETED));
    for (JobState state : committed) {
      oneInEach.put(state, jobs.job(state + ".csv").in(state));
    }

    for (JobState state : committed) {
      assertEquals(ids(oneInEach.get(state)), idSet(list(query().states(state))), state.name());
    }
  }

  @Test
  void filtersByFormat() {
    Job csv = jobs.job("a.csv").format(FileFormat.CSV).queued();
    Job pdf = jobs.job("b.pdf").format(FileFormat.PDF).queued();
    Job cdr = jobs.job("c.cdr").format(FileFormat.CDR).queued();

    assertEquals(ids(pdf), idSet(list(query().formats(FileFormat.PDF))));
    assertEquals(ids(csv, cdr), idSet(list(query().formats(FileFormat.CSV, FileFormat.CDR))));
  }

  @Test
  void createdRangeIncludesItsStartAndExcludesItsEnd() {
    Job before = jobs.job("a.csv").createdAt(T0.minusNanos(1000)).queued();
    Job atStart = jobs.job("b.csv").createdAt(T0).queued();
    Job inside = jobs.job("c.csv").createdAt(T0.plusSeconds(30)).queued();
    Job atEnd = jobs.job("d.csv").createdAt(T0.plusSeconds(60)).queued();

    JobPage page = list(query().createdFrom(T0).createdTo(T0.plusSeconds(60)));

    assertEquals(ids(atStart, inside), idSet(page));
    assertEquals(ids(before), idSet(list(query().createdTo(T0))));
    assertEquals(ids(atEnd), idSet(list(query().createdFrom(T0.plusSeconds(60)))));
  }

  @Test
  void filenameFilterMatchesASubstringIgnoringCase() {
    Job march = jobs.job("Invoice-March.csv").queued();
    Job april = jobs.job("2024 invoice april.csv").queued();
    jobs.job("calls.cdr").format(FileFormat.CDR).queued();

    assertEquals(ids(march, april), idSet(list(query().filenameContains("INVOICE"))));
    assertEquals(ids(march), idSet(list(query().filenameContains("ce-mar"))));
  }

  @Test
  void percentInTheFilenameFilterIsLiteral() {
    Job percent = jobs.job("discount 50%.csv").queued();
    jobs.job("discount 50 off.csv").queued();
    jobs.job("discount 500.csv").queued();

    assertEquals(ids(percent), idSet(list(query().filenameContains("50%"))));
    assertEquals(ids(percent), idSet(list(query().filenameContains("%"))));
  }

  @Test
  void underscoreInTheFilenameFilterIsLiteral() {
    Job underscore = jobs.job("call_records.csv").queued();
    jobs.job("call-records.csv").queued();
    jobs.job("callXrecords.csv").queued();

    assertEquals(ids(underscore), idSet(list(query().filenameContains("call_rec"))));
    assertEquals(ids(underscore), idSet(list(query().filenameContains("_"))));
  }

  @Test
  void backslashInTheFilenameFilterIsLiteral() {
    Job backslash = jobs.job("c:\\exports\\day.csv").queued();
    jobs.job("c:exportsday.csv").queued();

    assertEquals(ids(backslash), idSet(list(query().filenameContains("c:\\exports"))));
  }

  @Test
  void ordersNewestFirstOrOldestFirst() {
    Job middle = jobs.job("b.csv").createdAt(T0.plusSeconds(1)).queued();
    Job oldest = jobs.job("a.csv").createdAt(T0).queued();
    Job newest = jobs.job("c.csv").createdAt(T0.plusSeconds(2)).queued();

    assertEquals(idList(newest, middle, oldest), idList(list(query())));
    assertEquals(idList(oldest, middle, newest), idList(list(query().oldestFirst())));
  }

  @Test
  void pagingNewestFirstReturnsEveryJobOnceAcrossEqualTimestamps() {
    List<Job> created = sevenAtTheSameInstantAmongOthers();

    List<UUID> expected = created.stream().sorted(listOrder().reversed()).map(Job::getId).toList();
    assertEquals(expected, walkAllPages(query().limit(3)));
  }

  @Test
  void pagingOldestFirstReturnsEveryJobOnceAcrossEqualTimestamps() {
    List<Job> created = sevenAtTheSameInstantAmongOthers();

    List<UUID> expected = created.stream().sorted(listOrder()).map(Job::getId).toList();
    assertEquals(expected, walkAllPages(query().oldestFirst().limit(3)));
  }

  @Test
  void lastPageHasNoNextCursor() {
    jobs.job("a.csv").queued();
    jobs.job("b.csv").queued();

    JobPage full = list(query().limit(2));
    JobPage partial = list(query().limit(3));

    assertEquals(2, full.items().size());
    assertNull(full.next(), "no page follows when the page is exactly full");
    assertNull(partial.next());
  }

  @Test
  void pagingWithFiltersStaysWithinTheFilter() {
    for (int i = 0; i < 4; i++) {
      jobs.job("keep-" + i + ".pdf").format(FileFormat.PDF).createdAt(T0).queued();
      jobs.job("keep-" + i + ".csv").format(FileFormat.CSV).createdAt(T0).queued();
    }

    List<UUID> walked = walkAllPages(query().formats(FileFormat.PDF).limit(3));

    assertEquals(4, walked.size());
    assertEquals(4, new HashSet<>(walked).size());
  }

  @Test
  void anotherTenantsJobsNeverAppear() {
    TestJobs other = TestJobs.forNewTenant(db);
    Job mine = jobs.job("invoice.csv").createdAt(T0).queued();
    other.job("invoice.csv").createdAt(T0).queued();
    other.job("invoice.csv").createdAt(T0.plusSeconds(1)).in(JobState.COMPLETED);

    assertEquals(ids(mine), idSet(list(query())));
    assertEquals(ids(mine), idSet(list(query().filenameContains("invoice"))));
    assertEquals(Set.of(), idSet(list(query().states(JobState.COMPLETED))));
    assertEquals(List.of(mine.getId()), walkAllPages(query().limit(1)));
  }

  @Test
  void aCursorFromAnotherTenantsListIsAnInvalidCursor() {
    TestJobs other = TestJobs.forNewTenant(db);
    other.job("a.csv").createdAt(T0.plusSeconds(2)).queued();
    other.job("b.csv").createdAt(T0.plusSeconds(1)).queued();
    jobs.job("c.csv").createdAt(T0).queued();
    String theirCursor = listAs(other.caller(), query().limit(1)).next();

    ProblemException refused =
        assertThrows(ProblemException.class, () -> list(query().after(Cursor.decode(theirCursor))));

    assertEquals(ProblemType.INVALID_CURSOR, refused.type());
  }

  /** Seven jobs created at one instant (a batch upload), one before and two after it. */
  private List<Job> sevenAtTheSameInstantAmongOthers() {
    List<Job> created = new ArrayList<>();
    created.add(jobs.job("before.csv").createdAt(T0.minusSeconds(1)).queued());
    for (int i = 0; i < 7; i++) {
      created.add(jobs.job("batch-" + i + ".csv").createdAt(T0).queued());
    }
    created.add(jobs.job("after-1.csv").createdAt(T0.plusSeconds(1)).queued());
    created.add(jobs.job("after-2.csv").createdAt(T0.plusSeconds(1)).queued());
    return created;
  }

  /**
   * The list's order, (createdAt, id) ascending, as PostgreSQL compares: uuid values compare as
   * unsigned bytes, which their lower-case text form preserves ({@link UUID#compareTo} compares
   * signed longs and disagrees for half of all ids).
   */
  private static Comparator<Job> listOrder() {
    return Comparator.comparing(Job::getCreatedAt).thenComparing(j -> j.getId().toString());
  }

  /** Follows the next cursors to the end; fails on a page that repeats an id. */
  private List<UUID> walkAllPages(QueryBuilder first) {
    List<UUID> all = new ArrayList<>();
    JobPage page = list(first);
    int pages = 1;
    while (true) {
      for (UUID id : idList(page)) {
        assertTrue(!all.contains(id), "page " + pages + " repeats job " + id);
        all.add(id);
      }
      if (page.next() == null) {
        return all;
      }
      assertTrue(pages++ < 100, "paging does not end");
      page = list(first.after(Cursor.decode(page.next())));
    }
  }

  private JobPage list(QueryBuilder query) {
    return listAs(jobs.caller(), query);
  }

  private JobPage listAs(Caller caller, QueryBuilder query) {
    return db.fromTransaction(
        em -> {
          JobService service = new JobService();
          service.em = em;
          return service.list(caller, query.build());
        });
  }

  private static QueryBuilder query() {
    return new QueryBuilder();
  }

  private static Set<UUID> ids(Job... jobs) {
    return Stream.of(jobs).map(Job::getId).collect(java.util.stream.Collectors.toSet());
  }

  private static List<UUID> idList(Job... jobs) {
    return Stream.of(jobs).map(Job::getId).toList();
  }

  private static Set<UUID> idSet(JobPage page) {
    return new HashSet<>(idList(page));
  }

  private static List<UUID> idList(JobPage page) {
    return page.items().stream().map(JobView::id).toList();
  }

  /** A {@link JobQuery} with the API's defaults (newest first, 50 a page) unless told otherwise. */
  private static final class QueryBuilder {
    private Set<JobState> states = Set.of();
    private Set<FileFormat> formats = Set.of();
    private Instant from;
    private Instant to;
    private String filename;
    private boolean newestFirst = true;
    private int limit = JobQuery.DEFAULT_LIMIT;
    private Cursor after;

    QueryBuilder states(JobState... states) {
      this.states = Set.of(states);
      return this;
    }

    QueryBuilder formats(FileFormat... formats) {
      this.formats = Set.of(formats);
      return this;
    }

    QueryBuilder createdFrom(Instant from) {
      this.from = from;
      return this;
    }

    QueryBuilder createdTo(Instant to) {
      this.to = to;
      return this;
    }

    QueryBuilder filenameContains(String filename) {
      this.filename = filename;
      return this;
    }

    QueryBuilder oldestFirst() {
      this.newestFirst = false;
      return this;
    }

    QueryBuilder limit(int limit) {
      this.limit = limit;
      return this;
    }

    QueryBuilder after(Cursor after) {
      this.after = after;
      return this;
    }

    JobQuery build() {
      return new JobQuery(states, formats, from, to, filename, newestFirst, limit, after);
    }
  }
}
