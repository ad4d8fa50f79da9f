package io.fileparser.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP/1.1 client for the deployed API, one fluent call per request. */
final class Api {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Api() {}

  /** A request to {@code /api/parser} + {@code path}. */
  static Call get(String path) {
    return new Call("GET", TestEnvironment.apiUri(path));
  }

  static Call post(String path) {
    return new Call("POST", TestEnvironment.apiUri(path));
  }

  static Call delete(String path) {
    return new Call("DELETE", TestEnvironment.apiUri(path));
  }

  /** A request to any absolute URI, e.g. a {@code Location} the server answered with. */
  static Call call(String method, URI uri) {
    return new Call(method, uri);
  }

  /** One request being put together. */
  static final class Call {
    private final String method;
    private final HttpRequest.Builder request;
    private BodyPublisher body = BodyPublishers.noBody();

    private Call(String method, URI uri) {
      this.method = method;
      this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    }

    Call bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    Call apiKey(String secret) {
      return header("X-API-Key", secret);
    }

    Call header(String name, String value) {
      request.header(name, value);
      return this;
    }

    Call json(Object value) {
      try {
        byte[] bytes =
            value instanceof String s
                ? s.getBytes(StandardCharsets.UTF_8)
                : ApiResponse.JSON.writeValueAsBytes(value);
        return body("application/json", bytes);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }

    Call multipart(Multipart form) {
      return body(form.contentType(), form.body());
    }

    Call body(String contentType, byte[] bytes) {
      request.header("Content-Type", contentType);
      body = BodyPublishers.ofByteArray(bytes);
      return this;
    }

    /**
     * Sends the request and reads the answer; of an event stream (which may never end) only the
     * status and headers, its body is left unread.
     */
    ApiResponse send() {
      try {
        var response =
            CLIENT.send(request.method(method, body).build(), BodyHandlers.ofInputStream());
        byte[] bytes;
        try (InputStream in = response.body()) {
          boolean stream =
              response
                  .headers()
                  .firstValue("Content-Type")
                  .orElse("")
                  .startsWith("text/event-stream");
          bytes = stream ? new byte[0] : in.readAllBytes();
        }
        return new ApiResponse(response.statusCode(), response.headers().map(), bytes);
      } catch (IOException e) {
        throw new AssertionError(method + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
