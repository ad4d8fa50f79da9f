package io.fileparser.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.templates.TemplateView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hint rules, and the figures of a known set of jobs against PostgreSQL. */
@ComponentTest
class TemplateAnalyticsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:15:00Z");

  private final ComponentDatabase db;
  private final TestJobs jobs;

  TemplateAnalyticsTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @Test
  void theJobsOfATemplateAreCountedPerVersion() {
    UUID template = UUID.randomUUID();
    Job matched = jobs.job("a.csv").createdAt(T0).in(JobState.COMPLETED);
    Job pinned = jobs.job("b.csv").createdAt(T0).queued();
    Job failed = jobs.job("c.csv").createdAt(T0).in(JobState.FAILED);
    jobs.job("other.csv").createdAt(T0).in(JobState.COMPLETED);
    jobs.withColumns(
        matched,
        "template_matched = '"
            + template
            + "', template_version = 2, confidence = 0.5, result_summary ="
            + " '{\"quality\": {\"rowsRead\": 10, \"rowsRejected\": 4,"
            + " \"rejectReasons\": {\"bad_date\": 3, \"short_row\": 1}}}'");
    jobs.withColumns(pinned, "template_id = '" + template + "', pinned_template_version = 1");
    jobs.withColumns(failed, "template_id = '" + template + "', pinned_template_version = 2");

    TemplateAnalyticsReport report = report(template);

    assertEquals(2, report.versions().size(), report::toString);
    TemplateAnalyticsReport.VersionFigures v1 = report.versions().get(0);
    TemplateAnalyticsReport.VersionFigures v2 = report.versions().get(1);
    assertEquals(1, v1.version());
    assertEquals(1, v1.jobs());
    assertEquals(2, v2.version());
    assertEquals(2, v2.jobs());
    assertEquals(1, v2.completed());
    assertEquals(1, v2.failed());
    assertEquals(0.5, v2.successRate());
    assertEquals(0.5, v2.meanConfidence());
    assertEquals(10, v2.rowsRead());
    assertEquals(0.4, v2.rejectionRate());
    assertEquals(
        List.of(
            new JobAnalyticsReport.Reason("bad_date", 3),
            new JobAnalyticsReport.Reason("short_row", 1)),
        v2.rejectReasons());
    assertTrue(
        report.hints().stream().anyMatch(h -> h.contains("40.0 % of the rows were rejected")),
        report.hints()::toString);
    assertTrue(
        report.hints().stream().anyMatch(h -> h.contains("version 1: 1 job(s) still used it")),
        report.hints()::toString);
  }

  private TemplateAnalyticsReport report(UUID template) {
    Caller caller = jobs.caller();
    TemplateView view =
        new TemplateView(
            template, "carrier", "CSV", false, null, "ACTIVE", 2, null, 2, "someone", T0, T0);
    return db.fromTransaction(
        em -> {
          TemplateAnalytics analytics = new TemplateAnalytics();
          analytics.em = em;
          analytics.templates =
              new TemplateCatalog() {
                @Override
                public TemplateView get(Caller who, UUID id) {
                  return view;
                }
              };
          return analytics.report(caller, template, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
        });
  }

  @Test
  void aVersionThatServedWellEarnsNoHint() {
    assertEquals(
        List.of(), TemplateAnalytics.hints(List.of(figures(1, 10, 10, 0, 0.95, 1000, 10, 0)), 1));
  }

  @Test
  void rejectedRowsFailuresLowConfidenceCorrectionsAndAnOldVersionEachEarnAHint() {
    List<String> hints =
        TemplateAnalytics.hints(List.of(figures(1, 10, 4, 6, 0.55, 1000, 200, 3)), 2);

    assertEquals(5, hints.size(), hints::toString);
    assertTrue(
        hints.get(0).contains("20.0 % of the rows were rejected, most for 'bad_date'"),
        hints::toString);
    assertTrue(hints.get(1).contains("6 of 10 finished jobs failed"), hints::toString);
    assertTrue(hints.get(2).contains("mean confidence is 0.55"), hints::toString);
    assertTrue(hints.get(3).contains("3 mapping(s) were corrected by hand"), hints::toString);
    assertTrue(hints.get(4).contains("while version 2 is current"), hints::toString);
  }

  @Test
  void aFewFailuresAreNoPatternYet() {
    assertEquals(
        List.of(), TemplateAnalytics.hints(List.of(figures(1, 2, 1, 1, 0.9, 10, 0, 0)), 1));
  }

  private static TemplateAnalyticsReport.VersionFigures figures(
      int version,
      long jobs,
      long completed,
      long failed,
      double confidence,
      long read,
      long rejected,
      long corrections) {
    return new TemplateAnalyticsReport.VersionFigures(
        version,
        jobs,
        completed,
        failed,
        0,
        completed + failed == 0 ? null : (double) completed / (completed + failed),
        confidence,
        read,
        rejected,
        read == 0 ? null : (double) rejected / read,
        List.of(new JobAnalyticsReport.Reason("bad_date", rejected)),
        corrections);
  }
}
