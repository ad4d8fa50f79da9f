package io.fileparser.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateAnalyticsTest {

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
