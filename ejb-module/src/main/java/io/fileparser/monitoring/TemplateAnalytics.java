package io.fileparser.monitoring;

import io.fileparser.schema.NativeValues;
import io.fileparser.security.Caller;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.templates.TemplateView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The usage of one template by the caller's tenant, per version, with optimisation hints ({@link
 * TemplateAnalyticsReport}), over the jobs created in a window (as {@link JobAnalytics} reads one).
 * A job counts for the template when it asked for it at upload or the workers matched it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TemplateAnalytics {

  /** Rows rejected beyond this share of the rows read earn a hint. */
  static final double REJECTION_HINT = 0.05;

  /** Completed jobs below this share of the finished earn a hint (with enough of them). */
  static final double SUCCESS_HINT = 0.9;

  /** A mean confidence below this earns a hint. */
  static final double CONFIDENCE_HINT = 0.8;

  /** How many finished jobs a success rate needs before it earns a hint. */
  static final int MIN_FINISHED_FOR_HINT = 5;

  private static final String OURS =
      " from jobs where tenant_id = ?1 and created_at >= ?2 and created_at < ?3"
          + " and (template_matched = ?4 or template_id = ?4)";

  private static final String VERSION =
      "case when template_matched = ?4 then template_version else pinned_template_version end";

  @PersistenceContext EntityManager em;
  @Inject TemplateCatalog templates;

  /**
   * @throws io.fileparser.problem.ProblemException {@code template_not_found} for a template the
   *     caller cannot see, {@code invalid_request} for a bad window
   */
  public TemplateAnalyticsReport report(Caller caller, UUID templateId, String from, String to) {
    TemplateView template = templates.get(caller, templateId);
    JobAnalytics.Window window = JobAnalytics.window(from, to);
    String id = templateId.toString();
    Map<Integer, List<JobAnalyticsReport.Reason>> reasons = reasons(caller, window, id);
    Map<Integer, Long> corrections = corrections(caller, window, templateId);
    List<TemplateAnalyticsReport.VersionFigures> versions = new ArrayList<>();
    for (Object[] r :
        rows(
            "select "
                + VERSION
                + ", count(*),"
                + " count(*) filter (where state = 'COMPLETED'),"
                + " count(*) filter (where state in ('FAILED', 'DEAD_LETTERED')),"
                + " count(*) filter (where needs_mapping),"
                + " avg(confidence),"
                + JobAnalytics.quality("rowsRead")
                + ", "
                + JobAnalytics.quality("rowsRejected")
                + OURS
                + " group by 1 order by 1 nulls first",
            caller.tenantId(),
            window.from(),
            window.to(),
            id)) {
      Integer version = r[0] == null ? null : ((Number) r[0]).intValue();
      long completed = ((Number) r[2]).longValue();
      long failed = ((Number) r[3]).longValue();
      long read = ((Number) r[6]).longValue();
      long rejected = ((Number) r[7]).longValue();
      versions.add(
          new TemplateAnalyticsReport.VersionFigures(
              version,
              ((Number) r[1]).longValue(),
              completed,
              failed,
              ((Number) r[4]).longValue(),
              ratio(completed, completed + failed),
              r[5] == null ? null : Math.round(((Number) r[5]).doubleValue() * 1000) / 1000.0,
              read,
              rejected,
              ratio(rejected, read),
              reasons.getOrDefault(version, List.of()),
              version == null ? 0 : corrections.getOrDefault(version, 0L)));
    }
    for (Map.Entry<Integer, Long> corrected : corrections.entrySet()) {
      if (versions.stream().noneMatch(v -> corrected.getKey().equals(v.version()))) {
        versions.add(
            new TemplateAnalyticsReport.VersionFigures(
                corrected.getKey(),
                0,
                0,
                0,
                0,
                null,
                null,
                0,
                0,
                null,
                List.of(),
                corrected.getValue()));
      }
    }
    return new TemplateAnalyticsReport(
        id,
        template.name(),
        template.currentVersion(),
        window.from(),
        window.to(),
        versions,
        hints(versions, template.currentVersion()));
  }

  /** What the figures suggest, version by version; empty when nothing stands out. */
  static List<String> hints(
      List<TemplateAnalyticsReport.VersionFigures> versions, Integer currentVersion) {
    List<String> hints = new ArrayList<>();
    for (TemplateAnalyticsReport.VersionFigures v : versions) {
      String which = v.version() == null ? "jobs without a version" : "version " + v.version();
      if (v.rejectionRate() != null && v.rejectionRate() > REJECTION_HINT) {
        String reason =
            v.rejectReasons().isEmpty()
                ? ""
                : ", most for '" + v.rejectReasons().get(0).reason() + "'";
        hints.add(
            String.format(
                Locale.ROOT,
                "%s: %.1f %% of the rows were rejected%s; check the rules of the fields they break",
                which,
                v.rejectionRate() * 100,
                reason));
      }
      if (v.successRate() != null
          && v.completed() + v.failed() >= MIN_FINISHED_FOR_HINT
          && v.successRate() < SUCCESS_HINT) {
        hints.add(
            String.format(
                Locale.ROOT,
                "%s: %d of %d finished jobs failed; GET /jobs?template=...&errorCategory= shows why",
                which,
                v.failed(),
                v.completed() + v.failed()));
      }
      if (v.meanConfidence() != null && v.meanConfidence() < CONFIDENCE_HINT) {
        hints.add(
            String.format(
                Locale.ROOT,
                "%s: the workers' mean confidence is %.2f; header names or anchors that only this"
                    + " layout has make the match surer",
                which,
                v.meanConfidence()));
      }
      if (v.manualCorrections() > 0) {
        hints.add(
            String.format(
                Locale.ROOT,
                "%s: %d mapping(s) were corrected by hand into it; compare it with the versions"
                    + " before (GET /templates/{id}/diff)",
                which,
                v.manualCorrections()));
      }
      if (currentVersion != null
          && v.version() != null
          && v.version() < currentVersion
          && v.jobs() > 0) {
        hints.add(
            String.format(
                Locale.ROOT,
                "%s: %d job(s) still used it while version %d is current; uploads that pin a"
                    + " version keep it",
                which,
                v.jobs(),
                currentVersion));
      }
    }
    return hints;
  }

  private Map<Integer, List<JobAnalyticsReport.Reason>> reasons(
      Caller caller, JobAnalytics.Window window, String id) {
    Map<Integer, List<JobAnalyticsReport.Reason>> byVersion = new HashMap<>();
    for (Object[] r :
        rows(
            "select case when j.template_matched = ?4 then j.template_version"
                + " else j.pinned_template_version end, reason.key, "
                + JobAnalytics.REASON_ROWS
                + " from jobs j"
                + JobAnalytics.REJECT_REASONS
                + " where j.tenant_id = ?1 and j.created_at >= ?2 and j.created_at < ?3"
                + " and (j.template_matched = ?4 or j.template_id = ?4) and j.state = 'COMPLETED'"
                + " group by 1, 2 order by 3 desc, 2",
            caller.tenantId(),
            window.from(),
            window.to(),
            id)) {
      Integer version = r[0] == null ? null : ((Number) r[0]).intValue();
      List<JobAnalyticsReport.Reason> list =
          byVersion.computeIfAbsent(version, k -> new ArrayList<>());
      if (list.size() < 5) {
        list.add(new JobAnalyticsReport.Reason((String) r[1], ((Number) r[2]).longValue()));
      }
    }
    return byVersion;
  }

  private Map<Integer, Long> corrections(
      Caller caller, JobAnalytics.Window window, UUID templateId) {
    Map<Integer, Long> byVersion = new HashMap<>();
    for (Object[] r :
        rows(
            "select saved_template_version, count(*) from job_mappings"
                + " where tenant_id = ?1 and decided_at >= ?2 and decided_at < ?3"
                + " and state = 'APPROVED' and saved_template_id = ?4 group by 1",
            caller.tenantId(),
            window.from(),
            window.to(),
            templateId)) {
      byVersion.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
    }
    return byVersion;
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  private List<Object[]> rows(String sql, Object... parameters) {
    return NativeValues.rows(em, sql, parameters);
  }
}
