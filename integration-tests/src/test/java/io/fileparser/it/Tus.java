package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Raw tus 1.0 requests to {@code /upload/stream}, for what a tus client library does not show. */
final class Tus {

  static final String CHUNK = "application/offset+octet-stream";

  private Tus() {}

  static Api.Call call(String method, URI uri, String token) {
    return Api.call(method, uri).bearer(token).header("Tus-Resumable", "1.0.0");
  }

  static Api.Call create(String token) {
    return call("POST", TestEnvironment.apiUri("/upload/stream"), token);
  }

  /** A creation of an upload of {@code length} bytes named {@code filename}. */
  static Api.Call create(String token, long length, String filename) {
    return create(token)
        .header("Upload-Length", Long.toString(length))
        .header("Upload-Metadata", metadata(filename));
  }

  static URI created(ApiResponse created) {
    assertEquals(201, created.status(), created::toString);
    return URI.create(created.header("Location").orElseThrow());
  }

  /** A partial upload (tus concatenation) of {@code length} bytes. */
  static URI partial(String token, long length) {
    return created(
        create(token)
            .header("Upload-Concat", "partial")
            .header("Upload-Length", Long.toString(length))
            .send());
  }

  /** Creates the final upload of {@code partials}, in order. */
  static ApiResponse createFinal(String token, String filename, URI... partials) {
    StringBuilder concat = new StringBuilder("final;");
    for (URI partial : partials) {
      concat.append(concat.length() > 6 ? " " : "").append(partial);
    }
    return create(token)
        .header("Upload-Concat", concat.toString())
        .header("Upload-Metadata", metadata(filename))
        .send();
  }

  static Api.Call patch(URI upload, String token, long offset, byte[] chunk) {
    return call("PATCH", upload, token)
        .header("Upload-Offset", Long.toString(offset))
        .body(CHUNK, chunk);
  }

  /**
   * The request line and headers of a PATCH at {@code offset} announcing {@code length} bytes, for
   * a test that writes its body by hand on a socket (slowly, or not all of it).
   */
  static byte[] rawPatchHead(URI upload, String token, long offset, long length) {
    return ("PATCH "
            + upload.getRawPath()
            + " HTTP/1.1\r\nHost: "
            + upload.getHost()
            + ":"
            + upload.getPort()
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: "
            + offset
            + "\r\nContent-Type: "
            + CHUNK
            + "\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static ApiResponse head(URI upload, String token) {
    return call("HEAD", upload, token).send();
  }

  static JsonNode status(URI upload, String token) {
    ApiResponse status = Api.call("GET", upload).bearer(token).send();
    assertEquals(200, status.status(), status::toString);
    return status.json();
  }

  static UUID id(URI upload) {
    String path = upload.getPath();
    return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
  }

  static String metadata(String filename) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "filename "
        + b64.encodeToString(filename.getBytes(StandardCharsets.UTF_8))
        + ",filetype "
        + b64.encodeToString("text/csv".getBytes(StandardCharsets.UTF_8));
  }
}
