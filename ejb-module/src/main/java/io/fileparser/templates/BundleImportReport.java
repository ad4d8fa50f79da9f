package io.fileparser.templates;

import java.util.List;
import java.util.UUID;

/**
 * What an import did, or would do ({@code dryRun}), template by template.
 *
 * @param templates one item per template of the bundle, in its order
 * @param systemTemplates one item per system template reference: {@code SKIPPED}, with whether this
 *     installation has that key
 */
public record BundleImportReport(
    boolean dryRun,
    int formatVersion,
    int created,
    int updated,
    int unchanged,
    int conflicts,
    List<Item> templates,
    List<Item> systemTemplates) {

  /** The outcomes of one template. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    CONFLICT,
    SKIPPED
  }

  /**
   * @param sourceId the template's id in the bundle
   * @param templateId the tenant's template (null for a dry run's creation, a skip)
   * @param versionsAdded how many versions the import adds
   * @param conflict {@code NAME_TAKEN}, {@code HISTORY_DIVERGED} or {@code LOCAL_AHEAD}
   * @param differsAt the first version that differs, for a conflict
   */
  public record Item(
      String name,
      UUID sourceId,
      Outcome outcome,
      UUID templateId,
      int versionsAdded,
      String conflict,
      Integer differsAt,
      String detail) {}

  public BundleImportReport {
    templates = List.copyOf(templates);
    systemTemplates = List.copyOf(systemTemplates);
  }

  static BundleImportReport of(boolean dryRun, List<Item> templates, List<Item> systemTemplates) {
    return new BundleImportReport(
        dryRun,
        TemplateBundle.FORMAT_VERSION,
        count(templates, Outcome.CREATED),
        count(templates, Outcome.UPDATED),
        count(templates, Outcome.UNCHANGED),
        count(templates, Outcome.CONFLICT),
        templates,
        systemTemplates);
  }

  private static int count(List<Item> items, Outcome outcome) {
    return (int) items.stream().filter(i -> i.outcome() == outcome).count();
  }
}
