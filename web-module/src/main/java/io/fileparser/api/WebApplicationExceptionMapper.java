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
 * problem documents too, keeping headers such as {@code Allow}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uri;
  @Context Request request;

  private String method() {
    return request == null ? "this method" : request.getMethod();
  }

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    String detail =
        switch (status) {
          case 404 -> "nothing is served at this path";
          case 405 -> "this path does not answer to " + method();
          default -> status >= 500 ? null : e.getMessage();
        };
    Response.ResponseBuilder builder =
        Response.fromResponse(
            Problems.response(
                Problems.forStatus(status), detail, uri.getRequestUri().getPath(), Map.of()));
    builder.status(status);
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
