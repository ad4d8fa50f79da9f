package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.templates.entity.VersionState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading bundles: what a history may be, and the problems of a bad one. */
class TemplateBundleTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String doc(String header) {
    return "{\"name\": \"Calls\", \"format\": \"CSV\", \"confidenceThreshold\": 0.8, \"source\":"
        + " {\"header\": true}, \"fields\": [{\"name\": \"caller\", \"type\": \"phone\","
        + " \"required\": true, \"locate\": {\"header\": \""
        + header
        + "\"}}]}";
  }

  private static String version(int n, String state, String header) {
    return "{\"version\": "
        + n
        + ", \"state\": \""
        + state
        + "\", \"document\": "
        + doc(header)
        + (state.equals("DRAFT") ? "" : ", \"publishedAt\": \"2026-01-0" + n + "T00:00:00Z\"")
        + "}";
  }

  private static JsonNode bundle(String... versions) throws Exception {
    return JSON.readTree(
        "{\"formatVersion\": 1, \"templates\": [{\"name\": \"Calls\", \"versions\": ["
            + String.join(",", versions)
            + "]}]}");
  }

  private static ProblemException refused(JsonNode node) {
    return assertThrows(ProblemException.class, () -> TemplateBundle.parse(node));
  }

  @Test
  void aHistoryOfSupersededThenPublishedThenADraftIsRead() throws Exception {
    TemplateBundle read =
        TemplateBundle.parse(
            bundle(
                version(1, "SUPERSEDED", "a"),
                version(2, "PUBLISHED", "b"),
                version(3, "DRAFT", "c")));
    TemplateBundle.Entry entry = read.templates().get(0);
    assertEquals(2, entry.currentVersion());
    assertEquals(3, entry.versions().size());
    assertEquals(VersionState.DRAFT, entry.versions().get(2).versionState());
    assertEquals("CSV", entry.format());
  }

  @Test
  void historiesThisApiCannotMakeAreRefusedNamingTheVersion() throws Exception {
    ProblemException twoPublished =
        refused(bundle(version(1, "PUBLISHED", "a"), version(2, "PUBLISHED", "b")));
    assertEquals(ProblemType.INVALID_TEMPLATE_BUNDLE, twoPublished.type());
    assertEquals("templates[0].versions[0].state", twoPublished.extensions().get("member"));
    ProblemException draftFirst =
        refused(bundle(version(1, "DRAFT", "a"), version(2, "PUBLISHED", "b")));
    assertEquals("templates[0].versions[0].state", draftFirst.extensions().get("member"));
    ProblemException gap = refused(bundle(version(2, "PUBLISHED", "a")));
    assertEquals("templates[0].versions[0].version", gap.extensions().get("member"));
  }

  @Test
  void aBadDocumentIsNamedByItsPathInTheBundle() throws Exception {
    JsonNode node =
        JSON.readTree(
            "{\"formatVersion\": 1, \"templates\": [{\"versions\": [{\"version\": 1, \"state\":"
                + " \"DRAFT\", \"document\": {\"name\": \"x\", \"format\": \"XLS\","
                + " \"confidenceThreshold\": 0.8, \"fields\": []}}]}]}");
    ProblemException e = refused(node);
    assertEquals(ProblemType.INVALID_TEMPLATE_BUNDLE, e.type());
    assertEquals(
        true,
        e.extensions().get("member").toString().startsWith("templates[0].versions[0].document"),
        e.extensions()::toString);
  }

  @Test
  void formatVersionSizeAndMembersHaveTheirOwnProblems() throws Exception {
    assertEquals(
        ProblemType.TEMPLATE_BUNDLE_VERSION_UNSUPPORTED,
        refused(JSON.readTree("{\"formatVersion\": 2}")).type());
    assertEquals(
        ProblemType.INVALID_TEMPLATE_BUNDLE, refused(JSON.readTree("{\"templates\": []}")).type());
    assertEquals(
        "colour",
        refused(JSON.readTree("{\"formatVersion\": 1, \"colour\": 1}")).extensions().get("member"));
    StringBuilder many = new StringBuilder("{\"formatVersion\": 1, \"templates\": [");
    for (int i = 0; i <= TemplateBundle.MAX_TEMPLATES; i++) {
      many.append(i == 0 ? "" : ",").append("{}");
    }
    assertEquals(
        ProblemType.TEMPLATE_BUNDLE_TOO_LARGE,
        refused(JSON.readTree(many.append("]}").toString())).type());
    ProblemException twice =
        refused(
            JSON.readTree(
                "{\"formatVersion\": 1, \"templates\": ["
                    + bundle(version(1, "DRAFT", "a")).path("templates").get(0)
                    + ","
                    + bundle(version(1, "DRAFT", "b")).path("templates").get(0)
                    + "]}"));
    assertEquals("templates[1].name", twice.extensions().get("member"));
  }

  @Test
  void historiesCompareVersionByVersion() {
    BundleHistory.Side p1 = new BundleHistory.Side(VersionState.PUBLISHED, doc("a"));
    BundleHistory.Side s1 = new BundleHistory.Side(VersionState.SUPERSEDED, doc("a"));
    BundleHistory.Side p2 = new BundleHistory.Side(VersionState.PUBLISHED, doc("b"));
    BundleHistory.Side d2 = new BundleHistory.Side(VersionState.DRAFT, doc("b"));
    BundleHistory.Side other = new BundleHistory.Side(VersionState.PUBLISHED, doc("z"));
    assertEquals(
        BundleHistory.Verdict.SAME, BundleHistory.compare(List.of(p1), List.of(p1)).verdict());
    assertEquals(
        BundleHistory.Verdict.BUNDLE_AHEAD,
        BundleHistory.compare(List.of(p1), List.of(s1, p2)).verdict());
    assertEquals(
        BundleHistory.Verdict.LOCAL_AHEAD,
        BundleHistory.compare(List.of(s1, p2), List.of(p1)).verdict());
    assertEquals(
        BundleHistory.Verdict.NAME_TAKEN,
        BundleHistory.compare(List.of(other), List.of(p1)).verdict());
    BundleHistory.Comparison diverged = BundleHistory.compare(List.of(s1, p2), List.of(s1, other));
    assertEquals(BundleHistory.Verdict.HISTORY_DIVERGED, diverged.verdict());
    assertEquals(2, diverged.differsAt());
    assertEquals(
        BundleHistory.Verdict.HISTORY_DIVERGED,
        BundleHistory.compare(List.of(s1, d2), List.of(s1, p2)).verdict(),
        "an open draft here that the bundle published is not the same version");
  }
}
