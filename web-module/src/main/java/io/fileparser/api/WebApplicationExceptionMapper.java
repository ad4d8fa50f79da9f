package io.fileparser.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Jersey's own refusals (unknown path, wrong method, unsupported media type, role check) become
 * problem documents too, keeping headers such as {@code Allow}, with a detail of our own wording.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uri;
  @Context Request request;

  private String method() {
    return request == null ? "this method" : request.getMethod();
  }

  /**
   * What the status means for this request. Never the exception's message: Jersey's messages may
   * carry a cause's text, which can name Java types.
   */
  static String detail(int status, String method) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 -> "send a bearer token (Authorization: Bearer ...) or an API key (X-API-Key)";
      case 403 -> "the caller's roles do not allow this request";
      case 404 -> "nothing is served at this path";
      case 405 -> "this path does not answer to " + method;
      case 406 -> "this path cannot answer in any media type the Accept header allows";
      case 413 -> "the request body is too large";
      case 415 -> "this path does not accept a body of this Content-Type";
      default -> {
        Response.Status known = Response.Status.fromStatusCode(status);
        yield status >= 500
            ? null
            : "the request was refused (" + status + (known == null ? "" : " " + known) + ")";
      }
    };
  }

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status < 400) {
      return original; // not a refusal: e.g. 204 to an event stream that has nothing more
    }
    String detail = detail(status, method());
    Response.ResponseBuilder builder =
        Response.fromResponse(
            Problems.response(
                Problems.forStatus(status),
                status,
                detail,
                uri == null ? null : uri.getRequestUri().getPath(),
                Map.of()));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }
}
