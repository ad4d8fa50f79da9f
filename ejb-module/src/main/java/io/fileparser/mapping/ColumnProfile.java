package io.fileparser.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the worker reported of a table that needs mapping, as the job kept it in its result summary:
 * one entry per source column (header, inferred type, null rate, distinct count, examples and the
 * field model's ranked suggestions), the first sample rows as raw cells, and the dialect.
 *
 * @param hasHeader whether the first line named the columns (else columns are located by index)
 * @param delimiter the detected delimiter, or null
 * @param modelVersion the field model that made the suggestions, or null
 */
public record ColumnProfile(
    List<Column> columns,
    List<List<String>> sampleRows,
    boolean hasHeader,
    String delimiter,
    String modelVersion) {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One source column, with the worker's suggestions for it. */
  @Schema(name = "ProfiledColumn")
  public record Column(
      int index,
      String name,
      String inferredType,
      Double nullRatio,
      Integer distinct,
      List<String> examples,
      List<Suggestion> suggestions) {}

  /** A field a column may hold, how sure, and why in words. */
  @Schema(name = "FieldSuggestion")
  public record Suggestion(String field, double confidence, String reason) {}

  public ColumnProfile {
    columns = List.copyOf(columns);
    sampleRows = List.copyOf(sampleRows);
  }

  /** The profile in a job's result summary; empty when the worker sent none. */
  public static ColumnProfile of(String summaryJson) {
    if (summaryJson == null) {
      return empty();
    }
    try {
      return of(JSON.readTree(summaryJson));
    } catch (JsonProcessingException e) {
      return empty();
    }
  }

  static ColumnProfile of(JsonNode summary) {
    List<Column> columns = new ArrayList<>();
    int index = 0;
    for (JsonNode column : summary.path("columnProfile")) {
      List<String> examples = new ArrayList<>();
      column.path("examples").forEach(e -> examples.add(e.asText()));
      List<Suggestion> suggestions = new ArrayList<>();
      for (JsonNode s : column.path("suggestions")) {
        if (s.path("field").isTextual()) {
          suggestions.add(
              new Suggestion(
                  s.get("field").asText(),
                  s.path("confidence").asDouble(0),
                  s.path("reason").asText("")));
        }
      }
      columns.add(
          new Column(
              index++,
              column.path("name").asText("column" + index),
              column.path("inferredType").asText(null),
              column.path("nullRatio").isNumber() ? column.get("nullRatio").asDouble() : null,
              column.path("distinct").isInt() ? column.get("distinct").asInt() : null,
              examples,
              suggestions));
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode row : summary.path("sampleRows")) {
      List<String> cells = new ArrayList<>();
      row.forEach(c -> cells.add(c.isNull() ? null : c.asText()));
      rows.add(cells);
    }
    JsonNode dialect = summary.path("dialect");
    return new ColumnProfile(
        columns,
        rows,
        dialect.path("hasHeader").asBoolean(true),
        dialect.path("delimiter").isTextual() ? dialect.get("delimiter").asText() : null,
        summary.path("suggestionModelVersion").asText(null));
  }

  static ColumnProfile empty() {
    return new ColumnProfile(List.of(), List.of(), true, null, null);
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** The column of that header (compared as the workers do: trimmed, case-insensitive). */
  public java.util.Optional<Column> byName(String header) {
    String wanted = header == null ? "" : header.strip();
    return columns.stream().filter(c -> c.name().strip().equalsIgnoreCase(wanted)).findFirst();
  }

  /** The cell of a sample row in a column, or null where the row is shorter. */
  static String cell(List<String> row, int index) {
    return index < row.size() ? row.get(index) : null;
  }
}
