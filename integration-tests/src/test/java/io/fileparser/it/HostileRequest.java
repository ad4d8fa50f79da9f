package io.fileparser.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One request of the bad-input corpus, written byte for byte (request line, headers, body) so that
 * nothing a well-behaved client would correct or refuse gets lost, and what it must be answered
 * with.
 *
 * @param name what the case tries, as the test report shows it
 * @param head the request line and header lines, without line ends
 * @param body the bytes after the head, sent as they are whatever the headers claim
 * @param delivery how the connection ends on the client's side
 * @param expected the answer the server must give
 */
record HostileRequest(
    String name, List<String> head, byte[] body, Delivery delivery, Expected expected) {

  /** How the client ends its side. */
  enum Delivery {
    /** Sends everything and waits for the answer. */
    WHOLE,
    /** Sends everything, then shuts its sending side: the server reads the body's end there. */
    THEN_CLOSE_SENDING,
    /** Sends everything and waits long: the server must give up on a body that never comes. */
    THEN_WAIT
  }

  /**
   * What the answer must be: a 4xx (never 5xx or 2xx) problem document with a {@code type} and a
   * {@code status} member equal to the status; {@code status} and {@code code} exactly where they
   * are not 0 or null.
   *
   * @param mayBeRefusedByContainer the HTTP layer may refuse it as 400 without a body before the
   *     application sees it (a request line or header it cannot decode)
   * @param mayFindNothing a search for a free text may answer 200 with an empty page (the tenant
   *     has no jobs, so any item would be a leak)
   * @param mayGoUnanswered the server may close the connection without an answer (the client shut
   *     its side mid-body: there is no one to answer)
   */
  record Expected(
      int status,
      String code,
      boolean mayBeRefusedByContainer,
      boolean mayFindNothing,
      boolean mayGoUnanswered) {

    static Expected problem(int status, String code) {
      return new Expected(status, code, false, false, false);
    }

    static Expected anyClientError() {
      return new Expected(0, null, false, false, false);
    }

    /** A malformed request the HTTP layer refuses itself, or the application does. */
    static Expected refusedByTransport() {
      return new Expected(0, null, true, false, false);
    }

    Expected orRefusedByContainer() {
      return new Expected(status, code, true, mayFindNothing, mayGoUnanswered);
    }

    Expected orNothingFound() {
      return new Expected(status, code, mayBeRefusedByContainer, true, mayGoUnanswered);
    }

    Expected orUnanswered() {
      return new Expected(status, code, mayBeRefusedByContainer, mayFindNothing, true);
    }
  }

  /** A request being written: the request line, then headers, then a body. */
  static Builder to(String method, String target) {
    return new Builder(method, target);
  }

  @Override
  public String toString() {
    return name;
  }

  /** The whole request as it goes over the wire. */
  byte[] bytes(URI server) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : head) {
      out.writeBytes(
          line.replace("{host}", server.getHost() + ":" + server.getPort())
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    out.writeBytes(new byte[] {'\r', '\n'});
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** Sends the request; empty if the server closed the connection without an answer. */
  Optional<ApiResponse> send(URI server) throws IOException {
    int timeout = delivery == Delivery.THEN_WAIT ? 150_000 : 30_000;
    return RawHttp.exchangeBytes(
        server, bytes(server), delivery == Delivery.THEN_CLOSE_SENDING, timeout);
  }

  /**
   * Puts a {@link HostileRequest} together; {@code Host} and {@code Connection: close} go first.
   */
  static final class Builder {
    private final String method;
    private final String target;
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean contentLength = true;
    private boolean host = true;
    private Delivery delivery = Delivery.WHOLE;

    private Builder(String method, String target) {
      this.method = method;
      this.target = target;
    }

    Builder header(String name, String value) {
      headers.add(name + ": " + value);
      return this;
    }

    /** Drops the headers named {@code name} (any case), then adds it with {@code value}. */
    Builder replaceHeader(String name, String value) {
      headers.removeIf(
          line ->
              line.toLowerCase(java.util.Locale.ROOT)
                  .startsWith(name.toLowerCase(java.util.Locale.ROOT) + ":"));
      return header(name, value);
    }

    /** A header line exactly as given, folded lines and all. */
    Builder line(String raw) {
      headers.add(raw);
      return this;
    }

    Builder auth(String bearer) {
      return header("Authorization", "Bearer " + bearer);
    }

    Builder body(String contentType, byte[] bytes) {
      header("Content-Type", contentType);
      this.body = bytes;
      return this;
    }

    Builder body(String contentType, String text) {
      return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The body bytes without a Content-Length of their own (the headers say what they say). */
    Builder rawBody(byte[] bytes) {
      this.body = bytes;
      this.contentLength = false;
      return this;
    }

    Builder withoutHost() {
      this.host = false;
      return this;
    }

    Builder delivery(Delivery delivery) {
      this.delivery = delivery;
      return this;
    }

    HostileRequest expect(String name, Expected expected) {
      List<String> head = new ArrayList<>();
      head.add(method + " " + target + " HTTP/1.1");
      if (host) {
        head.add("Host: {host}");
      }
      head.add("Connection: close");
      head.addAll(headers);
      if (contentLength && (body.length > 0 || method.equals("POST"))) {
        head.add("Content-Length: " + body.length);
      }
      return new HostileRequest(name, List.copyOf(head), body, delivery, expected);
    }

    HostileRequest expect(String name, int status, String code) {
      return expect(name, Expected.problem(status, code));
    }
  }
}
