package io.fileparser.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.problem.KnownMembers;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The columns a client asks suggestions for: {@code {"columns": [{"name", "examples": [...]}]}} (a
 * column profile such as {@code GET /mapping/{jobId}} shows) or {@code {"csv": "<text>",
 * "hasHeader": true}} (a sample of a file: the delimiter is the most frequent of {@code , ; tab |}
 * on the first line). At most {@value #MAX_COLUMNS} columns of {@value #MAX_VALUES} values each and
 * {@value #MAX_CSV_CHARS} characters of CSV.
 */
final class SuggestionInput {

  static final int MAX_COLUMNS = 200;
  static final int MAX_VALUES = 50;
  static final int MAX_CSV_CHARS = 64 * 1024;
  private static final Set<String> TOP = Set.of("columns", "csv", "hasHeader");
  private static final Set<String> COLUMN = Set.of("name", "examples");

  /** A column: its header (null when the file has none) and sample values. */
  record Column(String header, List<String> values) {}

  private SuggestionInput() {}

  static List<Column> read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("send {\"columns\": [{\"name\", \"examples\"}]} or {\"csv\": \"...\"}");
    }
    KnownMembers.require(body, TOP, "");
    List<Column> columns = body.has("csv") ? fromCsv(body) : fromProfile(body.path("columns"));
    if (columns.isEmpty()) {
      throw invalid("no columns to suggest fields for");
    }
    if (columns.size() > MAX_COLUMNS) {
      throw invalid("at most " + MAX_COLUMNS + " columns");
    }
    return columns;
  }

  private static List<Column> fromProfile(JsonNode given) {
    if (!given.isArray()) {
      throw invalid("columns must be an array of {\"name\", \"examples\"}");
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < given.size() && i <= MAX_COLUMNS; i++) {
      JsonNode column = given.get(i);
      if (!column.isObject()) {
        throw invalid("columns[" + i + "] must be an object");
      }
      KnownMembers.require(column, COLUMN, "columns[" + i + "].");
      List<String> values = new ArrayList<>();
      for (JsonNode v : column.path("examples")) {
        if (values.size() < MAX_VALUES && !v.isNull()) {
          values.add(clip(v.asText()));
        }
      }
      String name = column.path("name").isTextual() ? clip(column.get("name").asText()) : null;
      columns.add(new Column(name, values));
    }
    return columns;
  }

  private static List<Column> fromCsv(JsonNode body) {
    if (!body.get("csv").isTextual()) {
      throw invalid("csv must be a string");
    }
    String text = body.get("csv").asText();
    if (text.length() > MAX_CSV_CHARS) {
      throw invalid("csv must have at most " + MAX_CSV_CHARS + " characters");
    }
    boolean hasHeader = body.path("hasHeader").asBoolean(true);
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return List.of();
    }
    char delimiter = delimiter(lines.get(0));
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(split(line, delimiter));
    }
    int width = rows.get(0).size();
    if (width > MAX_COLUMNS) {
      throw invalid("at most " + MAX_COLUMNS + " columns");
    }
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      List<String> values = new ArrayList<>();
      for (int r = hasHeader ? 1 : 0; r < rows.size() && values.size() < MAX_VALUES; r++) {
        if (c < rows.get(r).size()) {
          values.add(clip(rows.get(r).get(c)));
        }
      }
      columns.add(new Column(hasHeader ? clip(rows.get(0).get(c).strip()) : null, values));
    }
    return columns;
  }

  static char delimiter(String line) {
    char best = ',';
    long most = -1;
    for (char candidate : new char[] {',', ';', '\t', '|'}) {
      long count = line.chars().filter(ch -> ch == candidate).count();
      if (count > most) {
        most = count;
        best = candidate;
      }
    }
    return best;
  }

  /** One line's cells; a quoted cell may hold the delimiter and doubled quotes. */
  static List<String> split(String line, char delimiter) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.isEmpty()) {
        quoted = true;
      } else if (c == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static String clip(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
