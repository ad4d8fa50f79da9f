package io.fileparser.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fileparser.problem.ProblemType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A request body that is not the JSON we expect is the client's error, not ours. */
@Provider
public class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

  @Context UriInfo uri;

  @Override
  public Response toResponse(JsonProcessingException e) {
    return Problems.response(
        ProblemType.MALFORMED_JSON,
        e.getOriginalMessage(),
        uri.getRequestUri().getPath(),
        Map.of());
  }
}
