package io.fileparser.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a server-sent event stream the way a browser's EventSource does: fields {@code id}, {@code
 * data}, {@code retry}, comments ignored, an event ends at a blank line; until the server closes
 * the stream or {@code max} events arrived.
 */
final class EventSourceClient {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One event: its fields as sent. */
  record Event(String id, String data, String retry) {}

  /** The answer: status, headers and the events read. */
  record Stream(int status, String contentType, List<Event> events, boolean ended) {}

  static Stream read(URI uri, String token, String lastEventId, int max, Duration timeout)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    List<Event> events = new ArrayList<>();
    boolean ended = false;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      Map<String, String> fields = new LinkedHashMap<>();
      StringBuilder data = new StringBuilder();
      while (events.size() < max) {
        String line = lines.readLine();
        if (line == null) {
          ended = true;
          break;
        }
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(fields.get("id"), data.toString(), fields.get("retry")));
          }
          fields.clear();
          data.setLength(0);
        } else if (!line.startsWith(":")) {
          int colon = line.indexOf(':');
          String name = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
          if (name.equals("data")) {
            data.append(data.length() > 0 ? "\n" : "").append(value);
          } else {
            fields.put(name, value);
          }
        }
      }
    }
    return new Stream(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        events,
        ended);
  }
}
