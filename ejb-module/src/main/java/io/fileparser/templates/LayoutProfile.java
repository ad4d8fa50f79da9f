package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The layout of a table no template fits, as a worker profiled it (a job's result summary: {@code
 * columnProfile}, {@code sampleRows}, {@code dialect}), with the two things discovery makes of it:
 * a {@link #fingerprint} that is the same for every file of the layout, and a {@link
 * #proposedDocument} a person can approve.
 *
 * <p>The fingerprint hashes the format, whether there is a header line, the column count, and the
 * header names normalised (trimmed, lower case, runs of spaces, underscores and dashes as one
 * space); a file without a header line adds its delimiter instead of names. Types and sample values
 * are left out: they differ from file to file of one layout (an empty column, a new month).
 *
 * @param columns each column's header (or {@code column<n>}), inferred type and examples
 */
public record LayoutProfile(
    String format,
    boolean hasHeader,
    String delimiter,
    List<Column> columns,
    List<List<String>> sampleRows) {

  static final int MAX_EXAMPLES = 5;
  static final int MAX_SAMPLE_ROWS = 10;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
  private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9_]+");
  private static final Set<String> KEPT_TYPES = Set.of("integer", "decimal");

  /** One source column. */
  public record Column(int index, String name, String inferredType, List<String> examples) {}

  public LayoutProfile {
    columns = List.copyOf(columns);
    sampleRows = List.copyOf(sampleRows);
  }

  /** The profile of a job's result summary; empty columns when the worker sent none. */
  static LayoutProfile of(String format, JsonNode summary) {
    List<Column> columns = new ArrayList<>();
    int index = 0;
    for (JsonNode column : summary.path("columnProfile")) {
      List<String> examples = new ArrayList<>();
      for (JsonNode e : column.path("examples")) {
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(e.asText());
        }
      }
      columns.add(
          new Column(
              index,
              column.path("name").asText("column" + (index + 1)),
              column.path("inferredType").asText(null),
              examples));
      index++;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : summary.path("sampleRows")) {
      if (rows.size() >= MAX_SAMPLE_ROWS) {
        break;
      }
      List<String> cells = new ArrayList<>();
      row.forEach(c -> cells.add(c.isNull() ? null : c.asText()));
      rows.add(cells);
    }
    JsonNode dialect = summary.path("dialect");
    return new LayoutProfile(
        format,
        dialect.path("hasHeader").asBoolean(true),
        dialect.path("delimiter").isTextual() ? dialect.get("delimiter").asText() : null,
        columns,
        rows);
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** The layout's fingerprint: 64 hex digits (SHA-256). */
  public String fingerprint() {
    StringBuilder key = new StringBuilder("layout-v1\n").append(format).append('\n');
    key.append(hasHeader ? "header" : "no-header").append('\n').append(columns.size());
    if (hasHeader) {
      for (Column column : columns) {
        key.append('\n').append(normalise(column.name()));
      }
    } else {
      key.append('\n').append(delimiter == null ? "" : delimiter);
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(key.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String normalise(String header) {
    return SEPARATORS.matcher(header.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
  }

  /**
   * A template document that reads the layout: one optional field per column, located by its header
   * (or its index without one, or where the header is blank), named after it, typed {@code integer}
   * or {@code decimal} where the worker inferred so and {@code string} otherwise (an admin refines
   * them before approving).
   */
  public ObjectNode proposedDocument() {
    ObjectNode document = JSON.createObjectNode();
    document.put("name", "Discovered layout " + fingerprint().substring(0, 12));
    document.put("format", format);
    document.put(
        "description",
        "Proposed from a file no template fitted: "
            + columns.size()
            + " columns"
            + (hasHeader ? ", with a header line" : ", no header line"));
    document.put("confidenceThreshold", 0.8);
    ObjectNode source = document.putObject("source");
    source.put("header", hasHeader);
    if (delimiter != null && delimiter.length() == 1) {
      source.put("delimiter", delimiter);
    }
    ArrayNode fields = document.putArray("fields");
    Set<String> names = new HashSet<>();
    for (Column column : columns) {
      if (fields.size() >= TemplateDocument.MAX_FIELDS) {
        break;
      }
      ObjectNode field = fields.addObject();
      field.put("name", fieldName(column, names));
      field.put(
          "type",
          column.inferredType() != null && KEPT_TYPES.contains(column.inferredType())
              ? column.inferredType()
              : "string");
      field.put("required", false);
      ObjectNode locate = field.putObject("locate");
      String header = column.name().strip();
      if (hasHeader && !header.isEmpty() && header.length() <= 200) {
        locate.put("header", header);
      } else {
        locate.put("index", column.index());
      }
    }
    return document;
  }

  private static String fieldName(Column column, Set<String> taken) {
    String base = NOT_NAME.matcher(column.name().strip()).replaceAll("_").replaceAll("^_+|_+$", "");
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "column" + (column.index() + 1) + (base.isEmpty() ? "" : "_" + base);
    }
    base = base.length() > 56 ? base.substring(0, 56) : base;
    String name = base;
    for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
      name = base + "_" + n;
    }
    return name;
  }

  /** The profile as stored and shown. */
  public ObjectNode toJson() {
    return JSON.valueToTree(this);
  }
}
