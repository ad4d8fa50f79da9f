package io.fileparser.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The part of a worker's result a job keeps as its summary (fields, quality, timings and, for a
 * file that needs mapping, a column profile and sample rows), bounded whatever the worker sent:
 * every job status and every item of a job list carries it, so it must stay small. Sample rows and
 * profiled columns are cut to a few, long texts are shortened, and a summary still over the byte
 * limit loses its samples and profile (flagged {@code "truncated": true}).
 */
final class ResultSummary {

  static final int MAX_SAMPLE_ROWS = 10;
  static final int MAX_ARRAY_ITEMS = 500;
  static final int MAX_TEXT_CHARS = 256;
  static final int MAX_BYTES = 64 * 1024;

  /** What the job stores in its own columns rather than in the summary. */
  private static final List<String> IN_COLUMNS =
      List.of("classification", "recordsUri", "recordCount", "needsMapping");

  private static final ObjectMapper JSON = TaskState.JSON;

  private ResultSummary() {}

  /** The bounded summary as JSON, or null if the result is not an object. */
  static String of(JsonNode result) {
    if (!result.isObject()) {
      return null;
    }
    ObjectNode summary = ((ObjectNode) result).deepCopy();
    summary.remove(IN_COLUMNS);
    if (summary.path("sampleRows").isArray()) {
      summary.replace("sampleRows", firstRows((ArrayNode) summary.get("sampleRows")));
    }
    JsonNode bounded = bound(summary);
    String json = write(bounded);
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      ObjectNode smaller = (ObjectNode) bounded;
      smaller.remove(List.of("sampleRows", "columnProfile"));
      smaller.put("truncated", true);
      json = write(smaller);
      if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
        ObjectNode minimal = JSON.createObjectNode();
        minimal.put("truncated", true);
        json = write(minimal);
      }
    }
    return json;
  }

  private static ArrayNode firstRows(ArrayNode rows) {
    ArrayNode first = JSON.createArrayNode();
    for (int i = 0; i < Math.min(rows.size(), MAX_SAMPLE_ROWS); i++) {
      first.add(rows.get(i));
    }
    return first;
  }

  /**
   * Every array cut to its first items and every text to its first characters, all the way down.
   */
  private static JsonNode bound(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual() && node.asText().length() > MAX_TEXT_CHARS) {
      return TextNode.valueOf(node.asText().substring(0, MAX_TEXT_CHARS) + "…");
    }
    if (node.isArray()) {
      ArrayNode bounded = JSON.createArrayNode();
      for (int i = 0; i < Math.min(node.size(), MAX_ARRAY_ITEMS); i++) {
        bounded.add(bound(node.get(i)));
      }
      return bounded;
    }
    if (node.isObject()) {
      ObjectNode bounded = JSON.createObjectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                JsonNode value = bound(e.getValue());
                if (value != null) {
                  bounded.set(e.getKey(), value);
                }
              });
      return bounded;
    }
    return node;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }
}
