package io.fileparser.templates.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.api.ObjectMapperResolver;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an import's body: at most the configured number of bytes ({@code template_bundle_too_large}
 * past it, before any of it is parsed), then JSON by the API's own rules (trailing content and a
 * name twice are refused), so a syntax error is {@code malformed_json} like any request body's.
 */
final class BundleBody {

  private BundleBody() {}

  static JsonNode read(InputStream body, long maxBytes) throws JsonProcessingException {
    byte[] bytes;
    try {
      bytes =
          body == null
              ? new byte[0]
              : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
    } catch (IOException e) {
      throw new ProblemException(
          ProblemType.MALFORMED_JSON,
          "the body ended before its JSON was complete, or the connection broke");
    }
    if (bytes.length > maxBytes) {
      throw new ProblemException(
          ProblemType.TEMPLATE_BUNDLE_TOO_LARGE, "a bundle is at most " + maxBytes + " bytes");
    }
    if (bytes.length == 0) {
      throw new ProblemException(
          ProblemType.INVALID_TEMPLATE_BUNDLE,
          "send a bundle such as GET /templates/export answers",
          java.util.Map.of("member", ""));
    }
    try {
      return ObjectMapperResolver.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is not valid JSON");
    }
  }
}
