package io.fileparser.api;

import io.fileparser.problem.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
            .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
            .toList();
    return Problems.response(
        ProblemType.INVALID_REQUEST,
        detail(violations),
        uri == null ? null : uri.getRequestUri().getPath(),
        Map.of("violations", violations));
  }

  /** "the field 'name' must not be blank": the first violations in words, all of them listed. */
  static String detail(List<Violation> violations) {
    if (violations.isEmpty()) {
      return "the request is invalid";
    }
    String first =
        violations.stream()
            .limit(3)
            .map(v -> "the field '" + v.field() + "' " + v.message())
            .collect(Collectors.joining("; "));
    return violations.size() > 3 ? first + "; and " + (violations.size() - 3) + " more" : first;
  }

  static Violation violation(ConstraintViolation<?> v) {
    return new Violation(field(v.getPropertyPath()), v.getMessage());
  }

  /**
   * The field as the client wrote it: {@code create.request.roles[].<iterable element>} becomes
   * {@code roles[]}. The method, its parameter and the container-element markers are Java's names
   * and mean nothing to clients; a constraint on a parameter itself (a query parameter) keeps the
   * parameter's name, which the build keeps equal to the query parameter's.
   */
  static String field(Path path) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : path) {
      switch (node.getKind()) {
        case PARAMETER -> parameter = node.getName();
        case PROPERTY -> {
          appendPosition(field, node);
          if (!field.isEmpty()) {
            field.append('.');
          }
          field.append(node.getName());
        }
        case CONTAINER_ELEMENT -> appendPosition(field, node);
        default -> {
          // METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER, BEAN: Java's structure
        }
      }
    }
    if (!field.isEmpty()) {
      return field.toString();
    }
    return parameter != null && !parameter.matches("arg\\d+") ? parameter : "body";
  }

  /** A node inside a list, set or map: its index or key, after the container's name. */
  private static void appendPosition(StringBuilder field, Path.Node node) {
    if (node.isInIterable() && !field.isEmpty()) {
      Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
      field.append('[').append(position == null ? "" : position).append(']');
    }
  }
}
