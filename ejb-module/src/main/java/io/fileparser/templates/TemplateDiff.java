package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from one version of a template to another, field by field: fields added and removed
 * (by name), and for each field in both the members that differ; and the top-level members other
 * than {@code fields} that differ. A member absent on one side shows as null there. Fields are
 * matched by name, so a renamed field is one removed and one added; a field that only moved is
 * unchanged.
 */
public record TemplateDiff(
    int from,
    int to,
    List<MemberChange> changed,
    List<String> addedFields,
    List<String> removedFields,
    List<FieldChange> changedFields) {

  /** One member whose value differs: its JSON on each side (null where absent). */
  public record MemberChange(String member, Object from, Object to) {}

  /** A field present in both versions whose members differ. */
  public record FieldChange(String name, List<MemberChange> members) {}

  /** The difference of two documents (valid ones: fields is an array of named objects). */
  public static TemplateDiff between(int from, ObjectNode before, int to, ObjectNode after) {
    List<MemberChange> changed = members(before, after, Set.of("fields"));
    Map<String, JsonNode> oldFields = byName(before.get("fields"));
    Map<String, JsonNode> newFields = byName(after.get("fields"));
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<FieldChange> changedFields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : newFields.entrySet()) {
      JsonNode old = oldFields.get(field.getKey());
      if (old == null) {
        added.add(field.getKey());
      } else {
        List<MemberChange> members = members(old, field.getValue(), Set.of());
        if (!members.isEmpty()) {
          changedFields.add(new FieldChange(field.getKey(), members));
        }
      }
    }
    for (String name : oldFields.keySet()) {
      if (!newFields.containsKey(name)) {
        removed.add(name);
      }
    }
    return new TemplateDiff(from, to, changed, added, removed, changedFields);
  }

  public boolean isEmpty() {
    return changed.isEmpty()
        && addedFields.isEmpty()
        && removedFields.isEmpty()
        && changedFields.isEmpty();
  }

  private static List<MemberChange> members(JsonNode before, JsonNode after, Set<String> skip) {
    Set<String> names = new LinkedHashSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    List<MemberChange> changes = new ArrayList<>();
    for (String name : names) {
      if (skip.contains(name)) {
        continue;
      }
      JsonNode old = absentIfNull(before.get(name));
      JsonNode now = absentIfNull(after.get(name));
      if (!Objects.equals(old, now)) {
        changes.add(new MemberChange(name, old, now));
      }
    }
    return changes;
  }

  private static JsonNode absentIfNull(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static Map<String, JsonNode> byName(JsonNode fields) {
    Map<String, JsonNode> named = new LinkedHashMap<>();
    if (fields != null) {
      for (JsonNode field : fields) {
        named.put(field.path("name").asText(), field);
      }
    }
    return named;
  }
}
