package io.fileparser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyInterceptorTest {

  private final RequestBodyInterceptor interceptor = new RequestBodyInterceptor();

  @Test
  void aJsonBodyThatBreaksWhileReadIsMalformedJson() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                interceptor.aroundReadFrom(
                    failingWith(
                        new IOException(new TimeoutException()), MediaType.APPLICATION_JSON_TYPE)));

    assertEquals(ProblemType.MALFORMED_JSON, refused.type());
  }

  @Test
  void anyOtherBodyThatBreaksIsAnInvalidRequest() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                interceptor.aroundReadFrom(
                    failingWith(new IOException("reset"), MediaType.TEXT_PLAIN_TYPE)));

    assertEquals(ProblemType.INVALID_REQUEST, refused.type());
  }

  @Test
  void jsonThatIsNotValidIsLeftToTheJsonMapper() {
    JsonParseException invalid = new JsonParseException(null, "unexpected character");

    JsonParseException thrown =
        assertThrows(
            JsonParseException.class,
            () ->
                interceptor.aroundReadFrom(failingWith(invalid, MediaType.APPLICATION_JSON_TYPE)));

    assertSame(invalid, thrown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ebcdic", "utf-16", "iso-8859-1", "x-unknown"})
  void aJsonBodyDeclaredInAnotherCharsetIsAnUnsupportedMediaType(String charset) {
    MediaType declared = MediaType.APPLICATION_JSON_TYPE.withCharset(charset);

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> interceptor.aroundReadFrom(failingWith(new IOException("unread"), declared)));

    assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, refused.type());
  }

  @ParameterizedTest
  @ValueSource(strings = {"utf-8", "UTF-8", "us-ascii"})
  void aJsonBodyInUtf8IsRead(String charset) {
    MediaType declared = MediaType.APPLICATION_JSON_TYPE.withCharset(charset);

    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> interceptor.aroundReadFrom(failingWith(new IOException("reset"), declared)));

    assertEquals(ProblemType.MALFORMED_JSON, refused.type()); // it was read, and broke
  }

  /** A reading context whose reader fails with {@code failure}. */
  private static ReaderInterceptorContext failingWith(IOException failure, MediaType type) {
    return (ReaderInterceptorContext)
        Proxy.newProxyInstance(
            ReaderInterceptorContext.class.getClassLoader(),
            new Class<?>[] {ReaderInterceptorContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "proceed" -> throw failure;
                  case "getMediaType" -> type;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
