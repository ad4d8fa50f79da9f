package io.fileparser.api;

import io.fileparser.problem.Outages;
import io.fileparser.problem.ProblemType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem documents; the one place that knows their shape. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

  private Problems() {}

  public static Map<String, Object> body(
      ProblemType type, String detail, String instance, Map<String, ?> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.type());
    body.put("title", type.title());
    body.put("status", type.status());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("code", type.code());
    extensions.forEach(body::putIfAbsent);
    return body;
  }

  /**
   * The body of a problem answered with {@code status}, which may differ from the type's own: a
   * bare status of the container or Jersey that the catalogue has no type for (411, 414, 431, ...)
   * is answered with the nearest type, and RFC 9457 wants the {@code status} member to be the
   * status actually answered.
   */
  public static Map<String, Object> body(
      ProblemType type, int status, String detail, String instance, Map<String, ?> extensions) {
    Map<String, Object> body = body(type, detail, instance, extensions);
    body.put("status", status);
    return body;
  }

  /** The problem as a response; a 503 tells the client when to try again ({@code Retry-After}). */
  public static Response response(
      ProblemType type, String detail, String instance, Map<String, ?> extensions) {
    return response(type, type.status(), detail, instance, extensions);
  }

  /**
   * The problem answered with {@code status}; see {@link #body(ProblemType, int, String, String,
   * Map)}.
   */
  public static Response response(
      ProblemType type, int status, String detail, String instance, Map<String, ?> extensions) {
    Response.ResponseBuilder response =
        Response.status(status)
            .type(PROBLEM_JSON)
            .entity(body(type, status, detail, instance, extensions));
    if (status == 503) {
      response.header("Retry-After", Outages.RETRY_AFTER_SECONDS);
    }
    return response.build();
  }

  /** The problem type that stands for a bare HTTP status from the container or Jersey. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> ProblemType.INVALID_REQUEST;
      case 401 -> ProblemType.AUTHENTICATION_REQUIRED;
      case 403 -> ProblemType.FORBIDDEN;
      case 404 -> ProblemType.NOT_FOUND;
      case 405 -> ProblemType.METHOD_NOT_ALLOWED;
      case 406 -> ProblemType.NOT_ACCEPTABLE;
      case 413 -> ProblemType.FILE_TOO_LARGE;
      case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ProblemType.SERVICE_UNAVAILABLE;
      default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
    };
  }
}
