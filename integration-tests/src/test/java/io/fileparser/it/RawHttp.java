package io.fileparser.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare socket, for requests no well-behaved client sends: a {@code Content-Length}
 * far larger than the bytes that follow (the server must answer from the headers alone), a broken
 * chunked encoding, a header folded over two lines, a body cut short by closing the sending side.
 */
final class RawHttp {

  private RawHttp() {}

  /**
   * Sends the request head (request line and headers, without the blank line) and the first bytes
   * of the body, then reads the answer without sending the rest.
   */
  static ApiResponse exchange(String method, URI uri, List<String> headers, byte[] bodyStart) {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(uri.getRawPath());
      if (uri.getRawQuery() != null) {
        head.append('?').append(uri.getRawQuery());
      }
      head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort());
      head.append("\r\n");
      headers.forEach(header -> head.append(header).append("\r\n"));
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(bodyStart);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new AssertionError("raw " + method + " " + uri + " failed: " + e, e);
    }
  }

  /**
   * Sends {@code request} byte for byte (request line, headers and body, exactly as given) and
   * reads the answer; with {@code closeSending}, shuts the sending side after the bytes, so the
   * server reads the end of the body there. Empty if the server closed the connection without
   * answering.
   *
   * @throws java.net.SocketTimeoutException if no answer came within {@code timeoutMillis}
   */
  static java.util.Optional<ApiResponse> exchangeBytes(
      URI server, byte[] request, boolean closeSending, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        if (closeSending) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // The server may answer and close before it has read everything: read that answer.
      }
      InputStream in = socket.getInputStream();
      java.io.PushbackInputStream peek = new java.io.PushbackInputStream(in, 1);
      int first;
      try {
        first = peek.read();
      } catch (java.net.SocketException e) {
        return java.util.Optional.empty(); // reset without an answer
      }
      if (first < 0) {
        return java.util.Optional.empty();
      }
      peek.unread(first);
      return java.util.Optional.of(read(peek));
    }
  }

  private static ApiResponse read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] status = statusLine.split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    ApiResponse withoutBody = new ApiResponse(Integer.parseInt(status[1]), headers, new byte[0]);
    byte[] body;
    if (withoutBody
        .header("Transfer-Encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      body = chunked(in);
    } else if (withoutBody.header("Content-Length").isPresent()) {
      body = in.readNBytes(Integer.parseInt(withoutBody.header("Content-Length").get()));
    } else {
      body = in.readAllBytes();
    }
    return new ApiResponse(withoutBody.status(), headers, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int length = Integer.parseInt(size.split(";", 2)[0].strip(), 16);
      if (length == 0) {
        return body.toByteArray();
      }
      body.write(in.readNBytes(length));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed inside the answer's head");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
