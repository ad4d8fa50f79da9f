package io.fileparser.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.problem.KnownMembers;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.templates.TemplateDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person's mapping of a job's columns, read from the request and made into a template document
 * (docs/template-format.md) that the workers extract with. Two forms:
 *
 * <ul>
 *   <li>{@code {"columns": {"<header>": "<field>" | null | {"field", "type", "required",
 *       "format"}}}}: column to field; a field of {@link TargetFields} needs no type, any other
 *       does; a column left out or mapped to null is not extracted;
 *   <li>{@code {"fields": [...]}}: a template document's fields as they are.
 * </ul>
 *
 * Both may carry {@code name} and {@code confidenceThreshold} (default 0.8). Headers are located by
 * name when the file has a header line, else by position.
 *
 * @param fields what each field reads, for the check against the sample rows
 * @param document the template document, valid by {@link TemplateDocument#parse}
 * @param choices {@code [{"header", "field", "values"}]}: what each mapped column was taken for
 */
public record MappingDraft(List<MappedField> fields, TemplateDocument document, ArrayNode choices) {

  public static final double DEFAULT_THRESHOLD = 0.8;
  private static final Set<String> TOP = Set.of("columns", "fields", "name", "confidenceThreshold");
  private static final Set<String> COLUMN = Set.of("field", "type", "required", "format");
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

  /**
   * A field and the column it reads.
   *
   * @param column the profile's column, or null where the field is not located by a column
   */
  public record MappedField(
      String name, String type, boolean required, String format, ColumnProfile.Column column) {}

  /**
   * @param format the job's format (CSV, CDR, PDF)
   * @param defaultName the document's name when the request gives none
   * @throws ProblemException {@code malformed_json} for an unknown member, {@code invalid_mapping}
   *     (422, {@code member} names it) for a column or field that does not exist or is mapped
   *     twice, {@code invalid_template} for a document the fields make invalid
   */
  public static MappingDraft read(
      JsonNode body, ColumnProfile profile, String format, String defaultName) {
    requireKnownMembers(body);
    if (body == null || !body.isObject()) {
      throw invalid("", "a mapping is a JSON object with 'columns' or 'fields'");
    }
    boolean byColumns = body.has("columns");
    if (byColumns == body.has("fields")) {
      throw invalid("", "give either 'columns' (column to field) or 'fields' (template fields)");
    }
    ObjectNode document = ColumnProfile.JSON.createObjectNode();
    JsonNode name = body.path("name");
    document.put(
        "name",
        name.isTextual() && !name.asText().isBlank() ? name.asText().strip() : clip(defaultName));
    document.put("format", format);
    document.set(
        "confidenceThreshold",
        body.has("confidenceThreshold")
            ? body.get("confidenceThreshold")
            : ColumnProfile.JSON.getNodeFactory().numberNode(DEFAULT_THRESHOLD));
    if (!"PDF".equals(format)) {
      ObjectNode source = document.putObject("source");
      source.put("header", profile.hasHeader());
      if (profile.delimiter() != null && profile.delimiter().length() == 1) {
        source.put("delimiter", profile.delimiter());
      }
    }
    List<MappedField> fields = new ArrayList<>();
    ArrayNode fieldNodes = document.putArray("fields");
    if (byColumns) {
      fromColumns(body.get("columns"), profile, fields, fieldNodes);
    } else {
      fromFields(body.get("fields"), profile, fields, fieldNodes);
    }
    TemplateDocument valid = TemplateDocument.parse(document, false);
    ArrayNode choices = ColumnProfile.JSON.createArrayNode();
    for (MappedField field : fields) {
      if (field.column() != null) {
        ObjectNode choice = choices.addObject();
        choice.put("header", profile.hasHeader() ? field.column().name() : null);
        choice.put("field", field.name());
        ArrayNode values = choice.putArray("values");
        for (List<String> row : profile.sampleRows()) {
          String cell = ColumnProfile.cell(row, field.column().index());
          if (cell != null) {
            values.add(cell);
          }
        }
        field.column().examples().forEach(values::add);
      }
    }
    return new MappingDraft(List.copyOf(fields), valid, choices);
  }

  private static void fromColumns(
      JsonNode columns, ColumnProfile profile, List<MappedField> fields, ArrayNode nodes) {
    if (!columns.isObject() || columns.isEmpty()) {
      throw invalid("columns", "columns maps each source column's header to a field");
    }
    Set<String> used = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> entries = columns.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String at = "columns." + entry.getKey();
      ColumnProfile.Column column =
          profile
              .byName(entry.getKey())
              .orElseThrow(
                  () ->
                      invalid(
                          at,
                          "the file has no column '"
                              + entry.getKey()
                              + "'; its columns are "
                              + profile.columns().stream()
                                  .map(ColumnProfile.Column::name)
                                  .toList()));
      JsonNode target = entry.getValue();
      if (target.isNull() || (target.isTextual() && TargetFields.OTHER.equals(target.asText()))) {
        continue;
      }
      String field;
      String type = null;
      Boolean required = null;
      String format = null;
      if (target.isTextual()) {
        field = target.asText();
      } else if (target.isObject()) {
        KnownMembers.require(target, COLUMN, at + ".");
        field = target.path("field").asText(null);
        type = target.path("type").isTextual() ? target.get("type").asText() : null;
        required = target.path("required").isBoolean() ? target.get("required").asBoolean() : null;
        format = target.path("format").isTextual() ? target.get("format").asText() : null;
      } else {
        throw invalid(at, "map a column to a field name, null, or {\"field\", \"type\", ...}");
      }
      if (field == null || !FIELD_NAME.matcher(field).matches()) {
        throw invalid(at, "a field name is a letter then up to 63 letters, digits or '_'");
      }
      TargetFields.Target known = TargetFields.find(field).orElse(null);
      if (known == null && type == null) {
        throw new ProblemException(
            ProblemType.UNKNOWN_FIELD,
            "'"
                + field
                + "' is not a known field; give its type ({\"field\": \""
                + field
                + "\", \"type\": \"string\"}) or use one of "
                + TargetFields.CALL_RECORD.stream().map(TargetFields.Target::name).toList(),
            Map.of("member", at));
      }
      if (!used.add(field)) {
        throw invalid(at, "field '" + field + "' is mapped from two columns");
      }
      String fieldType = type != null ? type : known.type();
      boolean isRequired = required != null ? required : known != null && known.required();
      ObjectNode node = nodes.addObject();
      node.put("name", field);
      node.put("type", fieldType);
      node.put("required", isRequired);
      ObjectNode locate = node.putObject("locate");
      if (profile.hasHeader()) {
        locate.put("header", column.name());
      } else {
        locate.put("index", column.index());
      }
      if (format != null) {
        node.put("format", format);
      }
      fields.add(new MappedField(field, fieldType, isRequired, format, column));
    }
    if (fields.isEmpty()) {
      throw invalid("columns", "map at least one column to a field");
    }
  }

  private static void fromFields(
      JsonNode given, ColumnProfile profile, List<MappedField> fields, ArrayNode nodes) {
    if (!given.isArray()) {
      throw invalid("fields", "fields is an array of template fields");
    }
    for (int i = 0; i < given.size(); i++) {
      JsonNode field = given.get(i);
      nodes.add(field.deepCopy());
      JsonNode locate = field.path("locate");
      ColumnProfile.Column column = null;
      if (locate.path("header").isTextual()) {
        String header = locate.get("header").asText();
        final int at = i;
        column =
            profile
                .byName(header)
                .orElseThrow(
                    () ->
                        invalid(
                            "fields[" + at + "].locate.header",
                            "the file has no column '" + header + "'"));
      } else if (locate.path("index").canConvertToInt()) {
        int index = locate.get("index").asInt();
        if (index >= 0 && index < profile.columns().size()) {
          column = profile.columns().get(index);
        }
      }
      fields.add(
          new MappedField(
              field.path("name").asText(),
              field.path("type").asText(),
              field.path("required").asBoolean(false),
              field.path("format").isTextual() ? field.get("format").asText() : null,
              column));
    }
  }

  private static String clip(String name) {
    String text = name == null || name.isBlank() ? "Mapping" : name.strip();
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  /**
   * Refuses a draft's top-level member that a draft does not have; needs nothing but the body, so a
   * malformed draft is refused before its job is looked up.
   *
   * @throws ProblemException {@code malformed_json} naming the member
   */
  public static void requireKnownMembers(JsonNode body) {
    if (body != null && body.isObject()) {
      KnownMembers.require(body, TOP, "");
    }
  }

  static ProblemException invalid(String member, String detail) {
    return new ProblemException(
        ProblemType.INVALID_MAPPING,
        member.isEmpty() ? detail : member + ": " + detail,
        Map.of("member", member));
  }
}
