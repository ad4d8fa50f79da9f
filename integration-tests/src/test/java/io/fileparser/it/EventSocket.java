package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) on {@code /api/parser/websocket}, collecting what arrives.
 */
final class EventSocket implements AutoCloseable {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final java.util.Set<String> TERMINAL =
      java.util.Set.of(
          "job.completed", "job.failed", "job.cancelled", "job.dead_lettered", "job.quarantined");

  private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

  /** Messages read while waiting for a command's answer, not yet consumed. */
  private final java.util.Deque<JsonNode> earlier = new java.util.ArrayDeque<>();

  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private WebSocket socket;

  static URI uri(String query) {
    URI http = TestEnvironment.apiUri("/websocket");
    return URI.create(
        "ws://"
            + http.getHost()
            + ":"
            + http.getPort()
            + http.getPath()
            + (query == null ? "" : "?" + query));
  }

  /** Opens with headers (e.g. Authorization); fails the test if the handshake is refused. */
  static EventSocket open(Map<String, String> headers, String query) {
    EventSocket client = new EventSocket();
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    client.socket = builder.buildAsync(uri(query), client.new Listener()).join();
    return client;
  }

  static EventSocket bearer(String token) {
    return open(Map.of("Authorization", "Bearer " + token), null);
  }

  /** The HTTP status with which the handshake was refused; fails if it was accepted. */
  static int refusedHandshake(Map<String, String> headers, String query) {
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(builder::header);
    try {
      WebSocket accepted = builder.buildAsync(uri(query), new EventSocket().new Listener()).join();
      accepted.abort();
      throw new AssertionError("the handshake was accepted");
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  void send(String json) {
    socket.sendText(json, true).join();
  }

  /**
   * Sends a command and returns the ack or error answering it. Messages that arrive before it stay
   * for the next reads.
   */
  JsonNode command(String id, String json) {
    send(json);
    List<JsonNode> before = new ArrayList<>();
    JsonNode answer =
        next(
            m -> id.equals(m.path("id").asText()) && !m.path("type").asText().startsWith("job."),
            Duration.ofSeconds(10),
            before);
    earlier.addAll(before);
    return answer;
  }

  JsonNode subscribeTenant(String id) {
    JsonNode answer =
        command(id, "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"scope\":\"tenant\"}");
    assertEquals("ack", answer.path("type").asText(), answer::toString);
    return answer;
  }

  /** The next message that matches, skipping others; fails after {@code timeout}. */
  JsonNode next(Predicate<JsonNode> wanted, Duration timeout) {
    return next(wanted, timeout, new ArrayList<>());
  }

  /** The next message, whatever it is; fails after {@code timeout}. */
  JsonNode next(Duration timeout) {
    return next(m -> true, timeout);
  }

  private JsonNode next(Predicate<JsonNode> wanted, Duration timeout, List<JsonNode> skipped) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode message = earlier.poll();
      try {
        if (message == null) {
          message = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      assertNotNull(message, "no matching message within " + timeout);
      if (wanted.test(message)) {
        return message;
      }
      skipped.add(message);
    }
  }

  /**
   * The events of one job until its terminal one, in the order they arrived; fails unless the
   * terminal one is of {@code lastType}.
   */
  List<JsonNode> eventsOf(String jobId, String lastType, Duration timeout) {
    List<JsonNode> events = new ArrayList<>();
    while (true) {
      JsonNode event = next(m -> jobId.equals(m.path("jobId").asText()), timeout);
      events.add(event);
      if (TERMINAL.contains(event.path("type").asText())) {
        assertEquals(lastType, event.path("type").asText(), events::toString);
        return events;
      }
    }
  }

  /** Whatever arrives within {@code window}. */
  List<JsonNode> drain(Duration window) throws InterruptedException {
    List<JsonNode> got = new ArrayList<>(earlier);
    earlier.clear();
    long deadline = System.nanoTime() + window.toNanos();
    JsonNode m;
    while ((m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
        != null) {
      got.add(m);
    }
    return got;
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    if (socket != null) {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(ApiResponse.JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new AssertionError("not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
