package io.fileparser.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * How one template served the caller's tenant in a window ({@code GET
 * /templates/{templateId}/analytics}): per version, the jobs that asked for it or that the workers
 * matched to it, how they ended, how sure the workers were, how many rows its rules rejected and
 * why, how often a person corrected a mapping into it; and hints where the figures suggest a
 * change.
 */
public record TemplateAnalyticsReport(
    String templateId,
    String name,
    Integer currentVersion,
    Instant from,
    Instant to,
    List<VersionFigures> versions,
    List<String> hints) {

  /**
   * One version's figures.
   *
   * @param version null for jobs that named the template without a version the workers reported
   * @param successRate completed among completed and failed; null when none finished
   * @param rejectionRate rows rejected among rows read; null when none were read
   * @param manualCorrections approved mappings saved into this version by a person
   */
  public record VersionFigures(
      Integer version,
      long jobs,
      long completed,
      long failed,
      long neededMapping,
      Double successRate,
      Double meanConfidence,
      long rowsRead,
      long rowsRejected,
      Double rejectionRate,
      List<JobAnalyticsReport.Reason> rejectReasons,
      long manualCorrections) {}
}
