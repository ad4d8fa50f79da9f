package io.fileparser.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link JobAnalytics} against PostgreSQL: the figures of a known set of jobs, within one tenant
 * and one window.
 */
@ComponentTest
class JobAnalyticsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:00Z");
  private static final String FROM = "2026-03-01T00:00:00Z";
  private static final String TO = "2026-03-02T00:00:00Z";

  private final ComponentDatabase db;
  private final TestJobs jobs;

  JobAnalyticsTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @Test
  void countsRatesTimesAndQualityOfAKnownSetOfJobs() {
    Job a = jobs.job("a.csv").createdAt(T0).in(JobState.COMPLETED);
    Job b = jobs.job("b.csv").createdAt(T0.plusSeconds(60)).in(JobState.COMPLETED);
    Job c =
        jobs.job("c.pdf")
            .format(FileFormat.PDF)
            .createdAt(T0.plusSeconds(3600))
            .in(JobState.FAILED);
    Job d = jobs.job("d.csv").createdAt(T0.plusSeconds(3700)).in(JobState.FAILED);
    jobs.job("e.csv").createdAt(T0.plusSeconds(3800)).queued();
    jobs.job("outside.csv").createdAt(T0.minusSeconds(86_400)).in(JobState.FAILED);
    TestJobs.forNewTenant(db).job("other.csv").createdAt(T0).in(JobState.FAILED);
    times(a, 10, 20);
    times(b, 30, 40);
    quality(a, 100, 3, "{\"bad_date\": 2, \"short_row\": 1}");
    quality(b, 50, 1, "{\"bad_date\": 1}");
    jobs.withColumns(c, "error_message = 'row 17: no table found', error_category = 'BadFile'");
    jobs.withColumns(d, "error_message = 'row 942: no table found', error_category = 'BadFile'");

    JobAnalyticsReport report = report(null);

    JobAnalyticsReport.Figures totals = report.totals();
    assertEquals(5, totals.jobs());
    assertEquals(4, totals.finished());
    assertEquals(2, totals.completed());
    assertEquals(2, totals.failed());
    assertEquals(0.5, totals.failureRate());
    assertEquals(150, totals.rowsRead());
    assertEquals(4, totals.rowsRejected());
    assertEquals(10.0, totals.processingSeconds().p50(), 0.01, "of 0, 0 (the failed), 20 and 40 s");
    assertEquals(Map.of("COMPLETED", 2L, "FAILED", 2L, "QUEUED", 1L), report.byState());
    assertEquals(Map.of("CSV", 4L, "PDF", 1L), report.byFormat());
    assertEquals(Map.of("BadFile", 2L), report.byErrorCategory());
    assertEquals(
        List.of(
            new JobAnalyticsReport.Reason("bad_date", 3),
            new JobAnalyticsReport.Reason("short_row", 1)),
        report.rejectReasons());
    JobAnalyticsReport.ErrorPattern top = report.topErrors().get(0);
    assertEquals("BadFile", top.category());
    assertEquals("row #: no table found", top.pattern());
    assertEquals(2, top.count());
    assertNull(report.groups());
  }

  @Test
  void throughputAndLatencyAreCountedPerHourInUtc() {
    Job a = jobs.job("a.csv").createdAt(T0).in(JobState.COMPLETED);
    jobs.job("b.csv").createdAt(T0.plusSeconds(60)).queued();
    Job c = jobs.job("c.csv").createdAt(T0.plusSeconds(3600)).in(JobState.FAILED);
    times(a, 10, 20);
    times(c, 5, 100);

    List<JobAnalyticsReport.Bucket> buckets = report(null).throughput();

    assertEquals(
        List.of(
            new JobAnalyticsReport.Bucket(
                Instant.parse("2026-03-01T10:00:00Z"),
                2,
                1,
                0,
                new Percentiles(10.0, 10.0, 10.0),
                new Percentiles(20.0, 20.0, 20.0)),
            new JobAnalyticsReport.Bucket(
                Instant.parse("2026-03-01T11:00:00Z"),
                1,
                0,
                1,
                new Percentiles(5.0, 5.0, 5.0),
                new Percentiles(100.0, 100.0, 100.0))),
        buckets);
  }

  @Test
  void anHourWhereNothingFinishedHasNoTimes() {
    jobs.job("a.csv").createdAt(T0).queued();

    JobAnalyticsReport.Bucket only = report(null).throughput().get(0);

    assertEquals(1, only.created());
    assertEquals(new Percentiles(null, null, null), only.processingSeconds());
    assertEquals(new Percentiles(null, null, null), only.queueWaitSeconds());
  }

  @Test
  void groupsCarryTheSameFigures() {
    jobs.job("a.csv").createdAt(T0).in(JobState.COMPLETED);
    jobs.job("b.csv").createdAt(T0).in(JobState.FAILED);
    jobs.job("c.pdf").format(FileFormat.PDF).createdAt(T0).in(JobState.COMPLETED);

    List<JobAnalyticsReport.Group> groups = report("format").groups();

    assertEquals(2, groups.size());
    assertEquals("CSV", groups.get(0).key());
    assertEquals(2, groups.get(0).figures().jobs());
    assertEquals(0.5, groups.get(0).figures().failureRate());
    assertEquals("PDF", groups.get(1).key());
    assertEquals(0.0, groups.get(1).figures().failureRate());
  }

  @Test
  void anEmptyWindowHasNoRatesAndNoTimes() {
    JobAnalyticsReport report = report("template");

    assertEquals(0, report.totals().jobs());
    assertNull(report.totals().failureRate());
    assertNull(report.totals().queueWaitSeconds().p50());
    assertTrue(report.throughput().isEmpty());
    assertTrue(report.groups().isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "yesterday            | 2026-03-02T00:00:00Z | ''       | ''",
        "2026-03-02T00:00:00Z | 2026-03-01T00:00:00Z | ''       | ''",
        "2026-03-01T00:00:00Z | 2026-03-01T00:00:00Z | ''       | ''",
        "2025-01-01T00:00:00Z | 2026-03-01T00:00:00Z | ''       | ''",
        "2026-03-01T00:00:00Z | 2026-03-02T00:00:00Z | tenant   | ''",
        "2026-03-01T00:00:00Z | 2026-03-02T00:00:00Z | ''       | minute",
        "+99999-01-01T00:00:00Z | ''                 | ''       | ''"
      })
  void refusesABadWindowGroupOrInterval(String from, String to, String groupBy, String interval) {
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                db.fromTransaction(
                    em -> {
                      JobAnalytics analytics = new JobAnalytics();
                      analytics.em = em;
                      return analytics.report(jobs.caller(), from, to, groupBy, interval);
                    }));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  private JobAnalyticsReport report(String groupBy) {
    Caller caller = jobs.caller();
    return db.fromTransaction(
        em -> {
          JobAnalytics analytics = new JobAnalytics();
          analytics.em = em;
          return analytics.report(caller, FROM, TO, groupBy, null);
        });
  }

  private void times(Job job, int waitSeconds, int processingSeconds) {
    jobs.withColumns(
        job,
        "queued_at = created_at, started_at = created_at + interval '"
            + waitSeconds
            + " seconds', finished_at = created_at + interval '"
            + (waitSeconds + processingSeconds)
            + " seconds'");
  }

  private void quality(Job job, int read, int rejected, String reasons) {
    jobs.withColumns(
        job,
        "result_summary = '{\"quality\": {\"rowsRead\": "
            + read
            + ", \"rowsRejected\": "
            + rejected
            + ", \"rejectReasons\": "
            + reasons
            + "}}'");
  }
}
