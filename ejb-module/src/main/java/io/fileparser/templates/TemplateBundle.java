package io.fileparser.templates;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.problem.KnownMembers;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.templates.entity.VersionState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Templates with every version, to move them between tenants or installations
 * (docs/template-format.md, "Bundles"). System templates travel as {@link SystemReference}s only:
 * every installation has its own from the workers' built-in layouts, so their documents are not
 * carried and an import never creates one.
 *
 * <p>{@link #parse} is the only way to read one: it checks the members, each version's document
 * (every rule of the template format) and that each template's history could have happened here:
 * versions numbered 1..n, states {@code SUPERSEDED* PUBLISHED DRAFT?} or a single {@code DRAFT}.
 *
 * @param formatVersion {@value #FORMAT_VERSION}, the only one this build reads
 */
public record TemplateBundle(
    int formatVersion,
    Instant exportedAt,
    List<Entry> templates,
    List<SystemReference> systemTemplates) {

  public static final int FORMAT_VERSION = 1;
  public static final int MAX_TEMPLATES = 200;
  public static final int MAX_VERSIONS = 500;

  private static final Set<String> TOP =
      Set.of("formatVersion", "exportedAt", "templates", "systemTemplates");
  private static final Set<String> ENTRY =
      Set.of("id", "name", "format", "state", "currentVersion", "versions");
  private static final Set<String> VERSION =
      Set.of(
          "version", "state", "document", "createdBy", "createdAt", "publishedBy", "publishedAt");
  private static final Set<String> REFERENCE = Set.of("id", "key", "name", "currentVersion");

  /** A tenant's template as exported: {@code id} is the exporting installation's, for reference. */
  public record Entry(
      UUID id,
      String name,
      String format,
      String state,
      Integer currentVersion,
      List<Version> versions) {}

  /** One version with its document. */
  public record Version(
      int version,
      String state,
      @JsonRawValue String document,
      String createdBy,
      Instant createdAt,
      String publishedBy,
      Instant publishedAt) {

    VersionState versionState() {
      return VersionState.valueOf(state);
    }
  }

  /** A system template named by its key; its document is the installation's own. */
  public record SystemReference(UUID id, String key, String name, Integer currentVersion) {}

  public TemplateBundle {
    templates = List.copyOf(templates);
    systemTemplates = List.copyOf(systemTemplates);
  }

  /**
   * @throws ProblemException {@code malformed_json} (400: not an object, an unknown member), {@code
   *     invalid_template_bundle} (400, with {@code member}), {@code
   *     template_bundle_version_unsupported} (422), {@code template_bundle_too_large} (413)
   */
  public static TemplateBundle parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new ProblemException(
          ProblemType.MALFORMED_JSON, "the body must be a template bundle, a JSON object");
    }
    known(node, TOP, "");
    JsonNode format = node.get("formatVersion");
    if (format == null || !format.isIntegralNumber()) {
      throw invalid("formatVersion", "formatVersion is required, a whole number");
    }
    if (format.asInt() != FORMAT_VERSION) {
      throw new ProblemException(
          ProblemType.TEMPLATE_BUNDLE_VERSION_UNSUPPORTED,
          "bundle format version "
              + format.asText()
              + " is not supported; this installation reads version "
              + FORMAT_VERSION,
          Map.of("formatVersion", format.asText(), "supported", List.of(FORMAT_VERSION)));
    }
    JsonNode templates = array(node, "templates", "templates");
    JsonNode system = array(node, "systemTemplates", "systemTemplates");
    if (templates.size() + system.size() > MAX_TEMPLATES) {
      throw tooLarge(
          "a bundle holds at most " + MAX_TEMPLATES + " templates; split it into several");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < templates.size(); i++) {
      Entry entry = entry(templates.get(i), "templates[" + i + "]");
      if (!names.add(entry.name().toLowerCase(Locale.ROOT))) {
        throw invalid(
            "templates[" + i + "].name",
            "two templates of the bundle are named '" + entry.name() + "'");
      }
      entries.add(entry);
    }
    List<SystemReference> references = new ArrayList<>();
    for (int i = 0; i < system.size(); i++) {
      references.add(reference(system.get(i), "systemTemplates[" + i + "]"));
    }
    return new TemplateBundle(
        FORMAT_VERSION, instant(node, "exportedAt", "exportedAt", false), entries, references);
  }

  private static Entry entry(JsonNode node, String path) {
    object(node, path);
    known(node, ENTRY, path);
    JsonNode versions = node.get("versions");
    if (versions == null || !versions.isArray() || versions.isEmpty()) {
      throw invalid(path + ".versions", "a template carries its versions, at least one");
    }
    if (versions.size() > MAX_VERSIONS) {
      throw tooLarge(
          "a template of a bundle has at most "
              + MAX_VERSIONS
              + " versions; "
              + path
              + " has more");
    }
    List<Version> list = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      list.add(version(versions.get(i), path + ".versions[" + i + "]", i + 1));
    }
    requireHistory(list, path);
    String state = text(node, "state", path, false);
    if (state != null && !Set.of("ACTIVE", "ARCHIVED").contains(state)) {
      throw invalid(path + ".state", "state is ACTIVE or ARCHIVED");
    }
    Integer current = published(list);
    JsonNode declared = node.get("currentVersion");
    if (declared != null
        && !declared.isNull()
        && (!declared.isInt() || current == null || declared.asInt() != current)) {
      throw invalid(
          path + ".currentVersion", "currentVersion must be the number of the PUBLISHED version");
    }
    TemplateDocument shown =
        TemplateDocument.stored(
            list.get(current == null ? list.size() - 1 : current - 1).document());
    String name = text(node, "name", path, false);
    return new Entry(
        uuid(node, path),
        name == null ? shown.name() : name.strip(),
        shown.format(),
        state == null ? "ACTIVE" : state,
        current,
        list);
  }

  /** Versions 1..n with states SUPERSEDED* PUBLISHED DRAFT? or one DRAFT: a history of this API. */
  private static void requireHistory(List<Version> versions, String path) {
    int n = versions.size();
    for (int i = 0; i < n; i++) {
      VersionState state = versions.get(i).versionState();
      VersionState expected;
      if (i == n - 1 && state == VersionState.DRAFT) {
        continue; // the open draft is the latest version
      } else if (i == n - 1
          || (i == n - 2 && versions.get(n - 1).versionState() == VersionState.DRAFT)) {
        expected = VersionState.PUBLISHED;
      } else {
        expected = VersionState.SUPERSEDED;
      }
      if (state != expected) {
        throw invalid(
            path + ".versions[" + i + "].state",
            "version "
                + (i + 1)
                + " is "
                + state
                + " where "
                + expected
                + " is expected: a history is SUPERSEDED versions, then the PUBLISHED one, then"
                + " at most one DRAFT");
      }
    }
  }

  private static Integer published(List<Version> versions) {
    for (Version v : versions) {
      if (v.versionState() == VersionState.PUBLISHED) {
        return v.version();
      }
    }
    return null;
  }

  private static Version version(JsonNode node, String path, int expected) {
    object(node, path);
    known(node, VERSION, path);
    JsonNode number = node.get("version");
    if (number == null || !number.isInt() || number.asInt() != expected) {
      throw invalid(
          path + ".version", "versions are numbered 1, 2, ... in order; expected " + expected);
    }
    String state = text(node, "state", path, true);
    VersionState parsed;
    try {
      parsed = VersionState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw invalid(path + ".state", "state is DRAFT, PUBLISHED or SUPERSEDED");
    }
    TemplateDocument document;
    try {
      document = TemplateDocument.parse(node.get("document"), false);
    } catch (ProblemException e) {
      Object member = e.extensions().get("member");
      throw invalid(
          path + ".document" + (member == null || member.toString().isEmpty() ? "" : "." + member),
          "version " + expected + ": " + e.detail());
    }
    Instant published = instant(node, "publishedAt", path + ".publishedAt", false);
    if (parsed != VersionState.DRAFT && published == null) {
      throw invalid(path + ".publishedAt", "a published or superseded version has publishedAt");
    }
    return new Version(
        expected,
        parsed.name(),
        document.toJson(),
        text(node, "createdBy", path, false),
        instant(node, "createdAt", path + ".createdAt", false),
        parsed == VersionState.DRAFT ? null : text(node, "publishedBy", path, false),
        parsed == VersionState.DRAFT ? null : published);
  }

  private static SystemReference reference(JsonNode node, String path) {
    object(node, path);
    known(node, REFERENCE, path);
    String key = text(node, "key", path, true);
    JsonNode current = node.get("currentVersion");
    return new SystemReference(
        uuid(node, path),
        key,
        text(node, "name", path, false),
        current != null && current.isInt() ? current.asInt() : null);
  }

  private static UUID uuid(JsonNode node, String path) {
    JsonNode id = node.get("id");
    if (id == null || id.isNull()) {
      return null;
    }
    try {
      return UUID.fromString(id.asText());
    } catch (IllegalArgumentException e) {
      throw invalid(path + ".id", "id is a UUID");
    }
  }

  private static String text(JsonNode node, String member, String path, boolean required) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(path + "." + member, member + " is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
      throw invalid(path + "." + member, member + " is a text of 1-200 characters");
    }
    return value.asText();
  }

  private static Instant instant(JsonNode node, String member, String path, boolean required) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(path, member + " is required");
      }
      return null;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw invalid(path, member + " is an ISO-8601 UTC time such as 2026-11-30T10:15:00Z");
    }
  }

  private static JsonNode array(JsonNode node, String member, String path) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!value.isArray()) {
      throw invalid(path, member + " is an array");
    }
    return value;
  }

  private static void object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw invalid(path, path + " is a JSON object");
    }
  }

  /** An unknown member is {@code malformed_json}, as in every request body. */
  private static void known(JsonNode node, Set<String> members, String path) {
    KnownMembers.require(node, members, path.isEmpty() ? "" : path + ".");
  }

  static ProblemException invalid(String member, String detail) {
    return new ProblemException(
        ProblemType.INVALID_TEMPLATE_BUNDLE, detail, Map.of("member", member));
  }

  static ProblemException tooLarge(String detail) {
    return new ProblemException(ProblemType.TEMPLATE_BUNDLE_TOO_LARGE, detail);
  }
}
