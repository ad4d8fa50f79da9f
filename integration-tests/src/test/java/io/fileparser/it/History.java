package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Assertions on a job's history as {@code GET /jobs/{id}/history} shows it. */
final class History {

  private History() {}

  /** Seq numbers 1, 2, 3, ... with no gap, each entry's "from" the previous entry's state. */
  static void assertConsecutive(JsonNode history) {
    assertTrue(history.size() > 0, "no history");
    String previous = null;
    for (int i = 0; i < history.size(); i++) {
      JsonNode entry = history.get(i);
      assertEquals(i + 1, entry.path("seq").asInt(), () -> "seq without gaps: " + history);
      String from = from(entry);
      assertEquals(previous, from, () -> "each change starts where the last ended: " + entry);
      previous = entry.path("state").asText();
    }
  }

  /** The entries as "FROM>TO step" lines, for readable assertions and messages. */
  static List<String> lines(JsonNode history) {
    List<String> lines = new ArrayList<>();
    for (JsonNode entry : history) {
      String from = from(entry) == null ? "-" : from(entry);
      lines.add(from + ">" + entry.path("state").asText() + " " + entry.path("step").asText());
    }
    return lines;
  }

  /** The state before the change; absent (null) for a job's first entry. */
  private static String from(JsonNode entry) {
    JsonNode from = entry.path("from");
    return from.isNull() || from.isMissingNode() ? null : from.asText();
  }

  /** {@code expected} appear in this order (other entries may come between them). */
  static void assertInOrder(JsonNode history, String... expected) {
    List<String> lines = lines(history);
    int at = 0;
    for (String line : lines) {
      if (at < expected.length && line.equals(expected[at])) {
        at++;
      }
    }
    int found = at;
    assertEquals(
        expected.length,
        found,
        () -> "missing '" + expected[found] + "' in order, history: " + String.join(", ", lines));
  }
}
