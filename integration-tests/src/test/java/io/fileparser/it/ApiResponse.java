package io.fileparser.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One HTTP answer: status, headers (looked up case-insensitively) and the body. */
record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

  static final ObjectMapper JSON = new ObjectMapper();

  ApiResponse {
    Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
    headers = caseInsensitive;
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name)).flatMap(values -> values.stream().findFirst());
  }

  String contentType() {
    return header("Content-Type").orElse("");
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("the body is not JSON: " + this, e);
    }
  }

  /** Status and body, for assertion messages that say what the server actually answered. */
  @Override
  public String toString() {
    String text = text();
    return status + " " + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
  }
}
