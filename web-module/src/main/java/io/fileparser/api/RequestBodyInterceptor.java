package io.fileparser.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * A request body that breaks while it is read into an entity (the client sent less than its {@code
 * Content-Length} and went silent until the server's read timeout, or its connection broke) is the
 * client's error: 400, not the 500 an {@link IOException} reaching the last-resort mapper would
 * give. A JSON body cut short is {@code malformed_json}, like one whose text ends early; any other
 * body {@code invalid_request}. The transport's message is logged, not answered: it names Java
 * types.
 */
@Provider
public class RequestBodyInterceptor implements ReaderInterceptor {

  private static final Logger LOG = Logger.getLogger(RequestBodyInterceptor.class.getName());

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context)
      throws IOException, WebApplicationException {
    refuseForeignCharset(context.getMediaType());
    try {
      return context.proceed();
    } catch (JsonProcessingException e) {
      throw e; // explained by JsonProcessingExceptionMapper
    } catch (IOException e) {
      LOG.fine(() -> "request body broke while read: " + e);
      throw broken(context.getMediaType());
    }
  }

  static void refuseForeignCharset(MediaType type) {
    if (!isJson(type)) {
      return;
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null
        && !charset.strip().equalsIgnoreCase("utf-8")
        && !charset.strip().equalsIgnoreCase("us-ascii")) {
      throw new ProblemException(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "a JSON body is UTF-8; send it without a charset or with charset=utf-8");
    }
  }

  private static boolean isJson(MediaType type) {
    return type != null && type.getSubtype().toLowerCase(Locale.ROOT).endsWith("json");
  }

  static ProblemException broken(MediaType type) {
    boolean json = isJson(type);
    return new ProblemException(
        json ? ProblemType.MALFORMED_JSON : ProblemType.INVALID_REQUEST,
        "the body ended before its "
            + (json ? "JSON was" : "end was")
            + " complete: the connection broke or sent less than its Content-Length");
  }
}
