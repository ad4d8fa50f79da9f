package io.fileparser.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body written by hand, so tests control every byte: well-formed
 * bodies, and the malformed ones a broken or hostile client sends. File names are written as raw
 * UTF-8 into the part header, control characters included.
 */
final class Multipart {

  private static final byte[] CRLF = {'\r', '\n'};

  private final String boundary = "it-" + UUID.randomUUID();
  private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

  static Multipart form() {
    return new Multipart();
  }

  /** A form with one file part {@code file}, the usual upload. */
  static Multipart file(String filename, byte[] content) {
    return form().filePart("file", filename, content);
  }

  Multipart field(String name, String value) {
    return part(
        "Content-Disposition: form-data; name=\"" + name + "\"",
        value.getBytes(StandardCharsets.UTF_8));
  }

  Multipart filePart(String name, String filename, byte[] content) {
    return part(
        "Content-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + filename
            + "\"\r\nContent-Type: application/octet-stream",
        content);
  }

  /** A part with the given header lines (separated by CRLF) and content. */
  Multipart part(String headerLines, byte[] content) {
    write(("--" + boundary).getBytes(StandardCharsets.US_ASCII));
    write(CRLF);
    write(headerLines.getBytes(StandardCharsets.UTF_8));
    write(CRLF);
    write(CRLF);
    write(content);
    write(CRLF);
    return this;
  }

  String boundary() {
    return boundary;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The complete body, closing delimiter included. */
  byte[] body() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(parts.toByteArray());
    body.writeBytes(("--" + boundary + "--").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(CRLF);
    return body.toByteArray();
  }

  /**
   * The body as a client sends it when the connection breaks mid-file: the last part loses its last
   * {@code bytes} bytes, and no closing delimiter follows.
   */
  byte[] bodyCutShort(int bytes) {
    byte[] all = parts.toByteArray();
    return Arrays.copyOf(all, all.length - CRLF.length - bytes);
  }

  private void write(byte[] bytes) {
    parts.writeBytes(bytes);
  }
}
