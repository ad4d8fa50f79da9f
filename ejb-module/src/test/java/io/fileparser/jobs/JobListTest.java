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
import java.util.HashMap;
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

  @Test
  void searchFindsEveryTermInTheFileNameOrTheMetadata() {
    Job lyon = withMetadata(jobs.job("nightly-lyon.csv").queued(), "{\"site\":\"Lyon East\"}");
    Job paris = withMetadata(jobs.job("Nightly-Paris.csv").queued(), "{\"batch\":\"2026-11\"}");
    Job weekly = withMetadata(jobs.job("weekly.csv").queued(), "{\"note\":\"nightly rerun\"}");
    Job percent = jobs.job("share_50%.csv").queued();
    jobs.job("share-500.csv").queued();

    assertEquals(ids(lyon, paris, weekly), idSet(list(query().where("q", "NIGHTLY"))));
    assertEquals(ids(lyon), idSet(list(query().where("q", "nightly east"))));
    assertEquals(ids(lyon), idSet(list(query().where("q", "\"lyon east\""))));
    assertEquals(Set.of(), idSet(list(query().where("q", "\"east lyon\""))));
    assertEquals(ids(paris), idSet(list(query().where("q", "2026-11 paris"))));
    assertEquals(ids(percent), idSet(list(query().where("q", "_50%"))));
  }

  @Test
  void searchStaysWithinTheTenant() {
    TestJobs other = TestJobs.forNewTenant(db);
    other.job("secret-ledger.csv").queued();
    Job mine = jobs.job("ledger.csv").queued();

    assertEquals(ids(mine), idSet(list(query().where("q", "ledger"))));
  }

  @Test
  void metadataConditionsCompareTheValueAsText() {
    Job lyon = withMetadata(jobs.job("a.csv").queued(), "{\"site\":\"Lyon\",\"run\":7}");
    Job paris = withMetadata(jobs.job("b.csv").queued(), "{\"site\":\"Paris\",\"run\":7}");
    jobs.job("c.csv").queued();

    assertEquals(ids(lyon), idSet(list(query().where("metadata", "site:Lyon"))));
    assertEquals(ids(lyon, paris), idSet(list(query().where("metadata", "run:7"))));
    assertEquals(
        ids(paris),
        idSet(list(query().where("metadata", "run:7").where("metadata", "site:Paris"))));
    assertEquals(Set.of(), idSet(list(query().where("metadata", "site:lyon"))));
    assertEquals(Set.of(), idSet(list(query().where("metadata", "missing:x"))));
  }

  @Test
  void filtersByPriorityAndSubmitter() {
    Job urgent =
        jobs.withColumns(jobs.job("a.csv").queued(), "priority = 9, submitted_by = 'alice'");
    Job high = jobs.withColumns(jobs.job("b.csv").queued(), "priority = 7, submitted_by = 'bob'");
    jobs.job("c.csv").queued();

    assertEquals(ids(urgent, high), idSet(list(query().where("priority", "7,8,9"))));
    assertEquals(ids(high), idSet(list(query().where("submittedBy", "bob"))));
    assertEquals(Set.of(), idSet(list(query().where("submittedBy", "BOB"))));
  }

  @Test
  void filtersByTheTemplateAskedForOrMatchedAndItsVersion() {
    Job asked =
        jobs.withColumns(
            jobs.job("a.csv").queued(), "template_id = 'carrier', pinned_template_version = 2");
    Job matched =
        jobs.withColumns(
            jobs.job("b.csv").in(JobState.COMPLETED),
            "template_matched = 'carrier', template_version = 3");
    jobs.withColumns(
        jobs.job("c.csv").queued(), "template_id = 'other', pinned_template_version = 2");

    assertEquals(ids(asked, matched), idSet(list(query().where("template", "carrier"))));
    assertEquals(
        ids(asked),
        idSet(list(query().where("template", "carrier").where("templateVersion", "2"))));
    assertEquals(
        ids(matched),
        idSet(list(query().where("template", "carrier").where("templateVersion", "3"))));
  }

  @Test
  void filtersByMappingNeedErrorCategoryAndCompletion() {
    Job mapped = jobs.job("a.csv").createdAt(T0).in(JobState.NEEDS_MAPPING);
    Job completed = jobs.job("b.csv").createdAt(T0.plusSeconds(60)).in(JobState.COMPLETED);
    Job failed = jobs.job("c.csv").createdAt(T0.plusSeconds(120)).in(JobState.FAILED);
    Job lost = jobs.job("d.csv").createdAt(T0.plusSeconds(180)).in(JobState.DEAD_LETTERED);
    jobs.job("e.csv").queued();

    assertEquals(ids(mapped), idSet(list(query().where("needsMapping", "true"))));
    assertEquals(ids(completed), idSet(list(query().where("needsMapping", "false"))));
    assertEquals(ids(failed), idSet(list(query().where("errorCategory", "unparseable"))));
    assertEquals(
        ids(failed, lost), idSet(list(query().where("errorCategory", "unparseable,worker_lost"))));
    assertEquals(
        ids(completed, failed),
        idSet(
            list(
                query()
                    .where("completedFrom", T0.plusSeconds(60).toString())
                    .where("completedTo", T0.plusSeconds(180).toString()))));
  }

  @Test
  void sortedByPriorityTheMostUrgentComeFirstOldestFirstWithinAPriorityAcrossPages() {
    List<Job> created = new ArrayList<>();
    int[] priorities = {5, 9, 5, 0, 9, 5, 7, 9};
    for (int i = 0; i < priorities.length; i++) {
      Job job = jobs.job("p-" + i + ".csv").createdAt(T0.plusSeconds(i % 3)).queued();
      created.add(jobs.withColumns(job, "priority = " + priorities[i]));
    }
    Map<UUID, Integer> priorityOf = new HashMap<>();
    for (int i = 0; i < priorities.length; i++) {
      priorityOf.put(created.get(i).getId(), priorities[i]);
    }
    List<UUID> mostUrgentFirst =
        created.stream()
            .sorted(
                Comparator.<Job, Integer>comparing(j -> -priorityOf.get(j.getId()))
                    .thenComparing(listOrder()))
            .map(Job::getId)
            .toList();
    List<UUID> leastUrgentFirst = new ArrayList<>(mostUrgentFirst);
    java.util.Collections.reverse(leastUrgentFirst);

    assertEquals(mostUrgentFirst, walkAllPages(query().byPriority().limit(3)));
    assertEquals(leastUrgentFirst, walkAllPages(query().byPriority().oldestFirst().limit(2)));
  }

  @Test
  void aCursorOfOneOrderIsNoPositionInTheOther() {
    for (int i = 0; i < 3; i++) {
      jobs.job("o-" + i + ".csv").queued();
    }
    String byTime = list(query().limit(1)).next();
    String byPriority = list(query().byPriority().limit(1)).next();

    assertEquals(
        ProblemType.INVALID_CURSOR,
        assertThrows(
                ProblemException.class,
                () -> list(query().byPriority().after(Cursor.decode(byTime))))
            .type());
    assertEquals(
        ProblemType.INVALID_CURSOR,
        assertThrows(ProblemException.class, () -> list(query().after(Cursor.decode(byPriority))))
            .type());
  }

  @Test
  void theTotalCountsEveryJobTheFilterSelectsOnEveryPage() {
    for (int i = 0; i < 5; i++) {
      jobs.job("count-" + i + ".csv").createdAt(T0.plusSeconds(i)).queued();
    }
    jobs.job("other.csv").queued();

    JobPage first = list(query().filenameContains("count-").limit(2).withTotal());
    JobPage second =
        list(
            query()
                .filenameContains("count-")
                .limit(2)
                .withTotal()
                .after(Cursor.decode(first.next())));

    assertEquals(5L, first.total());
    assertEquals(5L, second.total());
    assertEquals(2, second.items().size());
    assertNull(list(query().limit(2)).total(), "no total unless asked for");
  }

  @Test
  void bulkSelectionUsesTheSameFilters() {
    Job a = withMetadata(jobs.job("a.csv").createdAt(T0).queued(), "{\"batch\":\"b1\"}");
    Job b =
        withMetadata(jobs.job("b.csv").createdAt(T0.plusSeconds(1)).queued(), "{\"batch\":\"b1\"}");
    withMetadata(jobs.job("c.csv").queued(), "{\"batch\":\"b2\"}");

    List<UUID> selected =
        db.fromTransaction(
            em -> {
              JobService service = new JobService();
              service.em = em;
              return service.ids(
                  jobs.caller(), query().where("metadata", "batch:b1").build().filter(), 10);
            });

    assertEquals(List.of(a.getId(), b.getId()), selected);
  }

  private Job withMetadata(Job job, String json) {
    return jobs.withColumns(job, "metadata = '" + json.replace("'", "''") + "'");
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

  /**
   * A {@link JobQuery} with the API's defaults (newest first, 50 a page) unless told otherwise, its
   * filter read from parameters as a client sends them.
   */
  private static final class QueryBuilder {
    private final Map<String, List<String>> params = new HashMap<>();
    private boolean newestFirst = true;
    private int limit = JobQuery.DEFAULT_LIMIT;
    private Cursor after;
    private boolean withTotal;
    private boolean byPriority;

    QueryBuilder states(JobState... states) {
      Stream.of(states).forEach(s -> where("state", s.name()));
      return this;
    }

    QueryBuilder formats(FileFormat... formats) {
      Stream.of(formats).forEach(f -> where("format", f.name()));
      return this;
    }

    QueryBuilder createdFrom(Instant from) {
      return where("createdFrom", from.toString());
    }

    QueryBuilder createdTo(Instant to) {
      return where("createdTo", to.toString());
    }

    QueryBuilder filenameContains(String filename) {
      return where("filename", filename);
    }

    QueryBuilder where(String parameter, String value) {
      params.computeIfAbsent(parameter, p -> new ArrayList<>()).add(value);
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

    QueryBuilder byPriority() {
      this.byPriority = true;
      return this;
    }

    QueryBuilder withTotal() {
      this.withTotal = true;
      return this;
    }

    JobQuery build() {
      JobFilter filter =
          JobFilter.parse(
              new JobFilter.Input(
                  params.get("state"),
                  params.get("format"),
                  params.get("priority"),
                  one("createdFrom"),
                  one("createdTo"),
                  one("completedFrom"),
                  one("completedTo"),
                  one("filename"),
                  one("q"),
                  one("template"),
                  one("templateVersion"),
                  one("needsMapping"),
                  params.get("errorCategory"),
                  one("submittedBy"),
                  params.get("metadata")));
      return new JobQuery(filter, newestFirst, limit, after, withTotal, byPriority);
    }

    private String one(String parameter) {
      List<String> values = params.get(parameter);
      return values == null ? null : values.get(values.size() - 1);
    }
  }
}
