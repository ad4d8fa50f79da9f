package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server publishes is the committed snapshot the client of {@code
 * GeneratedClientIT} is generated from, so that client speaks the API as it is. The documents are
 * compared parsed, not as text: the order of members and of parameters, quoting and line breaks do
 * not count.
 */
class OpenApiSnapshotIT {

  static final String SNAPSHOT = "integration-tests/src/test/openapi/file-parser-api.yaml";

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final int MOST_DIFFERENCES_SHOWN = 25;

  @Test
  void publishedDocumentEqualsTheSnapshot() throws Exception {
    ApiResponse response =
        Api.call("GET", TestEnvironment.serverUri("/openapi"))
            .header("Accept", "text/plain") // Payara's name for its YAML
            .send();
    assertEquals(200, response.status(), response::toString);
    Path published = Path.of("target", "openapi", "file-parser-api.yaml").toAbsolutePath();
    Files.createDirectories(published.getParent());
    Files.writeString(published, response.text());

    JsonNode served = normalised(YAML.readTree(response.text()));
    JsonNode committed =
        normalised(YAML.readTree(TestEnvironment.repoDir().resolve(SNAPSHOT).toFile()));

    List<String> differences = new ArrayList<>();
    compare("", committed, served, differences);
    assertTrue(
        differences.isEmpty(),
        () ->
            "The OpenAPI document the server publishes differs from "
                + SNAPSHOT
                + " (snapshot -> served):\n  "
                + String.join("\n  ", differences)
                + "\nIf the change is intended, take the served document as the snapshot and"
                + " review the diff (from the repository root): cp "
                + published
                + " "
                + SNAPSHOT
                + " (or, against a server started by payara/run: tools/openapi/refresh-snapshot)");
  }

  /** Parameters are a set keyed by where and name: their order in the document means nothing. */
  private static JsonNode normalised(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(field -> normalised(field.getValue()));
      JsonNode parameters = object.get("parameters");
      if (parameters instanceof ArrayNode array) {
        List<JsonNode> sorted = new ArrayList<>();
        array.forEach(sorted::add);
        sorted.sort(
            Comparator.comparing((JsonNode p) -> p.path("in").asText())
                .thenComparing(p -> p.path("name").asText()));
        array.removeAll();
        array.addAll(sorted);
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(OpenApiSnapshotIT::normalised);
    }
    return node;
  }

  /** Collects where {@code expected} and {@code actual} differ, as JSON pointers. */
  private static void compare(String at, JsonNode expected, JsonNode actual, List<String> out) {
    if (out.size() >= MOST_DIFFERENCES_SHOWN || expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!expected.has(name)) {
          out.add(pointer + ": only served");
        } else if (!actual.has(name)) {
          out.add(pointer + ": only in the snapshot");
        } else {
          compare(pointer, expected.get(name), actual.get(name), out);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      Iterator<JsonNode> left = expected.elements();
      Iterator<JsonNode> right = actual.elements();
      for (int i = 0; left.hasNext(); i++) {
        compare(at + "/" + i, left.next(), right.next(), out);
      }
    } else {
      out.add(at + ": " + brief(expected) + " -> " + brief(actual));
    }
  }

  private static String brief(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
