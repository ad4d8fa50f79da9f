package io.fileparser.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback (the JDK's HTTP server) that records every request and answers as
 * the test says. It checks signatures with its own implementation of the Standard Webhooks scheme,
 * written here from the specification, not with the server's class.
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(
      String path, Map<String, String> headers, byte[] body, Instant at, int answeredWith) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String webhookId() {
      return header("webhook-id");
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether any {@code v1} signature in the header matches this secret (constant time). */
    boolean isSignedWith(String secret) {
      String signatures = header("webhook-signature");
      if (signatures == null) {
        return false;
      }
      byte[] expected = hmac(secret, webhookId() + "." + header("webhook-timestamp") + ".", body);
      for (String signature : signatures.split(" ")) {
        if (signature.startsWith("v1,")
            && MessageDigest.isEqual(
                expected, Base64.getDecoder().decode(signature.substring(3)))) {
          return true;
        }
      }
      return false;
    }

    /** The timestamp header is within five minutes of when the request arrived. */
    boolean isFresh() {
      long timestamp = Long.parseLong(header("webhook-timestamp"));
      return Math.abs(at.getEpochSecond() - timestamp) <= 300;
    }
  }

  /** What to answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer of(int status) {
      return new Answer(status, Map.of(), "answer " + status);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.of(204));

  private WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
    server.start();
  }

  static WebhookReceiver start() {
    try {
      return new WebhookReceiver();
    } catch (IOException e) {
      throw new AssertionError("receiver did not start", e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(Answer next) {
    answer.set(next);
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  List<Received> received(Predicate<Received> which) {
    return received.stream().filter(which).toList();
  }

  /** Waits until at least {@code count} requests match; returns them. */
  List<Received> await(Predicate<Received> which, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      List<Received> matching = received(which);
      if (matching.size() >= count) {
        return matching;
      }
      Jobs.sleep(100);
    }
    throw new AssertionError(
        "expected "
            + count
            + " matching requests within "
            + timeout
            + ", got "
            + received(which).size()
            + " of "
            + received.size()
            + " in all");
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new java.util.HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    Answer reply = answer.get();
    received.add(
        new Received(
            exchange.getRequestURI().getPath(),
            Map.copyOf(headers),
            body,
            Instant.now(),
            reply.status()));
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.status() == 204) {
      exchange.sendResponseHeaders(204, -1);
    } else {
      exchange.sendResponseHeaders(reply.status(), out.length);
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(out);
      }
    }
    exchange.close();
  }

  private static byte[] hmac(String secret, String prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
