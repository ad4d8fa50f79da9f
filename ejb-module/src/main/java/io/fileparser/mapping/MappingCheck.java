package io.fileparser.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a mapping against the sample rows the worker kept, field by field, before an admin is
 * asked to approve it: a required call-record field nobody mapped, a required field empty in a row,
 * a value that does not read as its field's type (at most {@link #PER_FIELD} problems per field, so
 * one bad column does not drown the rest).
 */
public final class MappingCheck {

  static final int PER_FIELD = 3;
  private static final Set<String> NULLS = Set.of("", "NULL", "null", "\\N", "N/A", "n/a", "-");

  /**
   * One thing wrong with a field.
   *
   * @param code {@code required_unmapped}, {@code missing_value} or {@code unreadable_value}
   * @param row the sample row (1 = the first data row), or null
   */
  public record Problem(
      String field, String column, String code, Integer row, String value, String message) {}

  private MappingCheck() {}

  public static List<Problem> problems(MappingDraft draft, ColumnProfile profile) {
    List<Problem> problems = new ArrayList<>();
    Set<String> mapped =
        draft.fields().stream().map(MappingDraft.MappedField::name).collect(Collectors.toSet());
    boolean callRecords = mapped.stream().anyMatch(f -> TargetFields.find(f).isPresent());
    if (callRecords) {
      for (TargetFields.Target target : TargetFields.CALL_RECORD) {
        if (target.required() && !mapped.contains(target.name())) {
          problems.add(
              new Problem(
                  target.name(),
                  null,
                  "required_unmapped",
                  null,
                  null,
                  "a call record needs '" + target.name() + "'; map the column that holds it"));
        }
      }
    }
    for (MappingDraft.MappedField field : draft.fields()) {
      if (field.column() == null) {
        continue;
      }
      List<String> allowed = enumValues(draft, field.name());
      int found = 0;
      for (int r = 0; r < profile.sampleRows().size() && found < PER_FIELD; r++) {
        String cell = ColumnProfile.cell(profile.sampleRows().get(r), field.column().index());
        Problem problem = check(field, cell, r + 1, allowed);
        if (problem != null) {
          problems.add(problem);
          found++;
        }
      }
    }
    return problems;
  }

  private static Problem check(
      MappingDraft.MappedField field, String cell, int row, List<String> allowed) {
    String column = field.column().name();
    if (cell == null || NULLS.contains(cell.strip())) {
      return field.required()
          ? new Problem(
              field.name(),
              column,
              "missing_value",
              row,
              cell,
              "'" + field.name() + "' is required but row " + row + " has no value in " + column)
          : null;
    }
    if (FieldValues.reads(field.type(), field.format(), cell, allowed)) {
      return null;
    }
    return new Problem(
        field.name(),
        column,
        "unreadable_value",
        row,
        cell.length() <= 200 ? cell : cell.substring(0, 200),
        "'"
            + cell
            + "' in "
            + column
            + " does not read as "
            + field.type()
            + (field.format() == null ? "" : " (" + field.format() + ")")
            + "; choose another column, type or format");
  }

  private static List<String> enumValues(MappingDraft draft, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode field : draft.document().json().path("fields")) {
      if (name.equals(field.path("name").asText())) {
        field.path("rules").path("enum").forEach(v -> values.add(v.asText()));
      }
    }
    return values;
  }
}
