package io.fileparser.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointClassTest {

  @ParameterizedTest
  @CsvSource({
    "GET, jobs, READ",
    "HEAD, upload/stream/7c1a, READ",
    "OPTIONS, upload/stream, READ",
    "get, /status/42, READ",
    "POST, upload, UPLOAD",
    "POST, /upload/, UPLOAD",
    "POST, upload/stream, UPLOAD",
    "PATCH, upload/stream/7c1a, WRITE",
    "DELETE, upload/stream/7c1a, WRITE",
    "POST, uploads, WRITE",
    "POST, jobs/bulk, WRITE",
    "PUT, mapping/42, WRITE",
    "DELETE, jobs/42, WRITE"
  })
  void aRequestIsClassedByItsMethodAndPath(String method, String path, EndpointClass expected) {
    assertEquals(expected, EndpointClass.of(method, path));
  }

  @ParameterizedTest
  @CsvSource({
    "POST, upload, true",
    "POST, /upload/stream, true",
    "PATCH, upload/stream/7c1a, true",
    "patch, upload/stream/7c1a/, true",
    "HEAD, upload/stream/7c1a, false",
    "DELETE, upload/stream/7c1a, false",
    "PATCH, upload/stream/7c1a/extra, false",
    "POST, jobs/bulk, false",
    "GET, upload, false"
  })
  void uploadsThatStreamBytesAreKnown(String method, String path, boolean streams) {
    assertEquals(streams, EndpointClass.streamsUpload(method, path));
  }
}
