package io.fileparser.api;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fileparser.problem.ProblemType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A request body that is not the JSON we expect is the client's error, not ours: 400 {@code
 * malformed_json}, with a detail in the client's terms, the field ({@code roles}, {@code
 * items[2].name}) or the line and column where they are known, as members {@code field}, {@code
 * line} and {@code column} too. Jackson's own messages are never passed on: they name Java types
 * ({@code java.util.HashSet<java.lang.String>}) and our request classes.
 *
 * <p>A failure to write JSON, or a type Jackson cannot build at all, is our fault, not the
 * client's, and is answered as an unexpected failure (500, logged with an incident id).
 */
@Provider
public class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

  @Context UriInfo uri;

  @Override
  public Response toResponse(JsonProcessingException e) {
    if (e instanceof JsonGenerationException || e instanceof InvalidDefinitionException) {
      UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();
      unexpected.uri = uri;
      return unexpected.toResponse(e);
    }
    Map<String, Object> members = new LinkedHashMap<>();
    String detail = detail(e, members);
    return Problems.response(
        ProblemType.MALFORMED_JSON,
        detail,
        uri == null ? null : uri.getRequestUri().getPath(),
        members);
  }

  /** What is wrong, in the client's terms; puts {@code field}, {@code line}, {@code column}. */
  static String detail(JsonProcessingException e, Map<String, Object> members) {
    // Databind wraps what the parser found inside a field; the parser's own exception says more.
    JsonProcessingException cause = e;
    while (cause.getCause() instanceof JsonProcessingException inner) {
      cause = inner;
    }
    String field = e instanceof JsonMappingException mapping ? field(mapping) : "";
    if (!field.isEmpty()) {
      members.put("field", field);
    }
    if (cause instanceof InputCoercionException) {
      return (field.isEmpty() ? "the body" : "the field '" + field + "'")
          + " holds a number out of range"
          + at(cause, members);
    }
    if (cause instanceof StreamConstraintsException) {
      return "the body is too deeply nested or holds a number, string or name too long to read"
          + at(cause, members);
    }
    if (cause instanceof JsonEOFException) {
      return "the body ends before its JSON is complete" + at(cause, members);
    }
    if (cause instanceof StreamReadException
        && String.valueOf(cause.getOriginalMessage()).startsWith("Duplicate field")) {
      return "the body names a field twice" + at(cause, members);
    }
    if (cause instanceof StreamReadException) {
      return "the body is not valid JSON" + at(cause, members);
    }
    if (isTrailingContent(e)) {
      return "the body has content after its JSON value" + at(cause, members);
    }
    if (e instanceof JsonMappingException mapping && !field.isEmpty()) {
      return "the field '" + field + "' " + fieldProblem(mapping);
    }
    if (e instanceof JsonMappingException mapping) {
      return "the body must be " + expected(mapping) + actual(mapping) + at(e, members);
    }
    return "the body is not valid JSON" + at(e, members);
  }

  /**
   * Content after the one JSON value of the body ({@code DeserializationFeature
   * .FAIL_ON_TRAILING_TOKENS}); Jackson has no type of its own for it, only its message.
   */
  private static boolean isTrailingContent(JsonProcessingException e) {
    return e instanceof MismatchedInputException
        && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
  }

  /** " (line 3, column 17)", where the parser was; also as members {@code line}, {@code column}. */
  private static String at(JsonProcessingException e, Map<String, Object> members) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    members.put("line", location.getLineNr());
    members.put("column", location.getColumnNr());
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String fieldProblem(JsonMappingException e) {
    if (e instanceof PropertyBindingException unknown) {
      return "is not known here; known fields: "
          + unknown.getKnownPropertyIds().stream()
              .map(Objects::toString)
              .sorted()
              .collect(Collectors.joining(", "));
    }
    if (e instanceof InvalidNullException) {
      return "must not be null";
    }
    if (e instanceof ValueInstantiationException) {
      return "has a value that is not allowed";
    }
    return "must be " + expected(e) + actual(e);
  }

  /** {@code roles}, {@code items[2].name}: the path Jackson followed into the body. */
  private static String field(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The kind of JSON value the target type is read from, in JSON's words, not Java's. */
  static String expected(JsonMappingException e) {
    Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (type == null) {
      return "a value of another kind";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return "one of "
          + java.util.Arrays.stream(constants)
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (CharSequence.class.isAssignableFrom(type)
        || type == char.class
        || type == Character.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == java.util.UUID.class) {
      return "a UUID string";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 date or time string";
    }
    if (type == byte[].class) {
      return "a base64 string";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  /** ", not a string": the kind of value the client sent, where the parser still knows it. */
  private static String actual(JsonMappingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return "";
    }
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "";
    }
    return switch (token) {
      case VALUE_STRING -> ", not a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ", not a number";
      case VALUE_TRUE, VALUE_FALSE -> ", not true or false";
      case VALUE_NULL -> ", not null";
      case START_ARRAY -> ", not an array";
      case START_OBJECT -> ", not an object";
      default -> "";
    };
  }
}
