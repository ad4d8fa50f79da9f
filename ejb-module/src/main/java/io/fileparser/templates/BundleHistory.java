package io.fileparser.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.templates.entity.VersionState;
import java.util.List;

/**
 * How a bundle's history of a template compares with the tenant's template of the same name. A
 * version is the same on both sides when its document is equal (as JSON: member order aside) and
 * both are drafts or both were published (a bundle exported later shows as superseded what was
 * published here). The first difference decides.
 */
final class BundleHistory {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an import does with the template. */
  enum Verdict {
    /** The same versions: nothing to do. */
    SAME,
    /** The tenant's versions are the bundle's first ones: the rest are added. */
    BUNDLE_AHEAD,
    /** Version 1 differs: another template that happens to have the name. */
    NAME_TAKEN,
    /** A later version differs: both sides changed the template since they shared it. */
    HISTORY_DIVERGED,
    /** The bundle's versions are the tenant's first ones: the tenant's template is newer. */
    LOCAL_AHEAD
  }

  /** One version: its state and document text. */
  record Side(VersionState state, String document) {}

  /**
   * @param differsAt the first version that differs (1-based), or 0
   */
  record Comparison(Verdict verdict, int differsAt) {}

  private BundleHistory() {}

  static Comparison compare(List<Side> local, List<Side> bundle) {
    int common = Math.min(local.size(), bundle.size());
    for (int i = 0; i < common; i++) {
      if (!same(local.get(i), bundle.get(i))) {
        return new Comparison(i == 0 ? Verdict.NAME_TAKEN : Verdict.HISTORY_DIVERGED, i + 1);
      }
    }
    if (local.size() == bundle.size()) {
      return new Comparison(Verdict.SAME, 0);
    }
    if (local.size() < bundle.size()) {
      // An open draft here that the bundle has as a later version's predecessor was edited there.
      return local.get(local.size() - 1).state() == VersionState.DRAFT
          ? new Comparison(Verdict.HISTORY_DIVERGED, local.size())
          : new Comparison(Verdict.BUNDLE_AHEAD, 0);
    }
    return new Comparison(Verdict.LOCAL_AHEAD, bundle.size() + 1);
  }

  private static boolean same(Side a, Side b) {
    boolean draftA = a.state() == VersionState.DRAFT;
    boolean draftB = b.state() == VersionState.DRAFT;
    return draftA == draftB && tree(a.document()).equals(tree(b.document()));
  }

  private static JsonNode tree(String document) {
    try {
      return JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored or parsed template document is JSON", e);
    }
  }
}
