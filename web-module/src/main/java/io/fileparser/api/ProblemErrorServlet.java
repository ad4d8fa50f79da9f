package io.fileparser.api;

import io.fileparser.problem.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The container's error page (see web.xml, where it is the default for every status): errors raised
 * before JAX-RS runs, such as a failed authentication or a request line the container cannot
 * decode, still answer with a problem document instead of HTML, with a detail for every status and
 * a {@code status} member equal to the status answered.
 */
@WebServlet("/problem-error")
public class ProblemErrorServlet extends HttpServlet {

  /** Request attribute through which the authentication mechanism names the precise problem. */
  public static final String PROBLEM_ATTRIBUTE = "io.fileparser.problem";

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : resp.getStatus();
    if (code == HttpServletResponse.SC_NOT_IMPLEMENTED) {
      // The container's default servlet knows no PATCH: it answers 501 for a PATCH to a path that
      // no resource of ours serves (e.g. a traversal out of /upload/stream). There is nothing
      // there: 404, as for any other method.
      code = HttpServletResponse.SC_NOT_FOUND;
    }
    ProblemType type =
        req.getAttribute(PROBLEM_ATTRIBUTE) instanceof ProblemType t && t.status() == code
            ? t
            : Problems.forStatus(code);
    Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String detail =
        switch (type) {
          case AUTHENTICATION_REQUIRED ->
              "send a bearer token (Authorization: Bearer ...) or an API key (X-API-Key)";
          case INVALID_TOKEN ->
              "the bearer token is malformed, expired, or not signed by the trusted issuer";
          case INVALID_API_KEY -> "the API key is unknown or has been revoked";
          default -> WebApplicationExceptionMapper.detail(code, req.getMethod());
        };
    resp.setStatus(code);
    if (code == 401) {
      // RFC 9110: every 401 names the schemes that would be accepted.
      resp.setHeader(
          "WWW-Authenticate", "Bearer realm=\"file-parser\", ApiKey realm=\"file-parser\"");
    }
    resp.setContentType(Problems.MEDIA_TYPE);
    resp.setCharacterEncoding("UTF-8");
    ObjectMapperResolver.mapper()
        .writeValue(
            resp.getOutputStream(),
            Problems.body(type, code, detail, uri == null ? null : uri.toString(), Map.of()));
  }
}
