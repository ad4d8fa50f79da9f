package io.fileparser.api;

import io.fileparser.problem.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Bean Validation failures on request records: 400 with one entry per violated field. */
@Provider
public class ConstraintViolationExceptionMapper
    implements ExceptionMapper<ConstraintViolationException> {

  /** One violated constraint. */
  public record Violation(String field, String message) {}

  @Context UriInfo uri;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    List<Violation> violations =
        e.getConstraintViolations().stream()
            .map(ConstraintViolationExceptionMapper::violation)
            .sorted(Comparator.comparing(Violation::field))
            .toList();
    return Problems.response(
        ProblemType.INVALID_REQUEST,
        "the request has " + violations.size() + " invalid field(s)",
        uri.getRequestUri().getPath(),
        Map.of("violations", violations));
  }

  private static Violation violation(ConstraintViolation<?> v) {
    String path = v.getPropertyPath().toString();
    // "create.request.name" -> "name": the method and parameter names mean nothing to clients.
    String[] parts = path.split("\\.");
    String field =
        parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : path;
    return new Violation(field.isEmpty() ? "body" : field, v.getMessage());
  }
}
