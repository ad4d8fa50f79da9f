package io.fileparser.resumable.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TusHeadersTest {

  @Test
  void onlyVersionOneIsServed() {
    assertDoesNotThrow(() -> TusHeaders.requireVersion("1.0.0"));
    for (String other : new String[] {null, "0.2.2", "2.0.0", ""}) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> TusHeaders.requireVersion(other));
      assertEquals(ProblemType.TUS_VERSION_UNSUPPORTED, e.type());
      assertEquals(412, e.type().status());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "abc", "99999999999999999999", "1e3", ""})
  void offsetsAndLengthsAreNonNegativeIntegers(String value) {
    assertThrows(ProblemException.class, () -> TusHeaders.wholeNumber("Upload-Offset", value));
  }

  @Test
  void wholeNumbers() {
    assertEquals(0L, TusHeaders.wholeNumber("Upload-Offset", "0"));
    assertEquals(Long.MAX_VALUE, TusHeaders.wholeNumber("x", Long.toString(Long.MAX_VALUE)));
    assertNull(TusHeaders.wholeNumber("x", null));
  }

  @Test
  void creationDeclaresALengthOrDefersIt() {
    assertEquals(10L, TusHeaders.creationLength("10", null));
    assertNull(TusHeaders.creationLength(null, "1"));
    assertThrows(ProblemException.class, () -> TusHeaders.creationLength(null, null));
    assertThrows(ProblemException.class, () -> TusHeaders.creationLength("10", "1"));
    assertThrows(ProblemException.class, () -> TusHeaders.creationLength(null, "0"));
  }

  @Test
  void chunksAreOffsetOctetStreams() {
    assertTrue(TusHeaders.isChunk("application/offset+octet-stream"));
    assertTrue(TusHeaders.isChunk("Application/Offset+Octet-Stream; charset=x"));
    assertFalse(TusHeaders.isChunk("application/octet-stream"));
    assertFalse(TusHeaders.isChunk(null));
    ProblemException e =
        assertThrows(ProblemException.class, () -> TusHeaders.requireChunk("text/plain"));
    assertEquals(415, e.type().status());
  }

  @Test
  void expiryIsAnHttpDate() {
    assertEquals(
        "Wed, 25 Jun 2014 16:00:00 GMT",
        TusHeaders.httpDate(Instant.parse("2014-06-25T16:00:00Z")));
  }

  @Test
  void onlyTheTusPathsGetTusHeaders() {
    assertTrue(TusResponseHeaders.isTusPath("upload/stream"));
    assertTrue(TusResponseHeaders.isTusPath("/upload/stream/abc"));
    assertFalse(TusResponseHeaders.isTusPath("upload"));
    assertFalse(TusResponseHeaders.isTusPath("upload/streaming"));
  }

  @Test
  void concatIsPartialOrFinalWithThePartialsInOrder() {
    assertNull(TusHeaders.concat(null));
    assertFalse(TusHeaders.concat("partial").isFinal());
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    TusHeaders.Concat joined =
        TusHeaders.concat(
            "final;/api/parser/upload/stream/"
                + a
                + " http://h.example:8080/api/parser/upload/stream/"
                + b);
    assertTrue(joined.isFinal());
    assertEquals(List.of(a, b), joined.partials());
    assertEquals(
        List.of(b, a),
        TusHeaders.concat(
                "final; /api/parser/upload/stream/" + b + "  /api/parser/upload/stream/" + a)
            .partials());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "partially",
        "final",
        "final;",
        "final; ",
        "final;/api/parser/jobs/00000000-0000-0000-0000-000000000000",
        "final;/api/parser/upload/stream/not-a-uuid-not-a-uuid-not-a-uuid-xxxx",
        "final;/api/parser/upload/stream/",
        "final;http://[bad"
      })
  void anUnreadableConcatIs400(String header) {
    ProblemException e = assertThrows(ProblemException.class, () -> TusHeaders.concat(header));
    assertEquals(ProblemType.INVALID_REQUEST, e.type());
  }

  @Test
  void concatenationIsAnnounced() {
    List<String> extensions = List.of(TusHeaders.EXTENSIONS.split(","));
    assertTrue(extensions.contains("concatenation"), TusHeaders.EXTENSIONS);
    assertTrue(extensions.contains("concatenation-unfinished"), TusHeaders.EXTENSIONS);
  }
}
