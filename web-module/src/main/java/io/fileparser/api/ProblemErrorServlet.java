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
 * The container's error page (see web.xml): errors raised before JAX-RS runs, such as a failed
 * authentication, still answer with a problem document instead of HTML.
 */
@WebServlet("/problem-error")
public class ProblemErrorServlet extends HttpServlet {

  /** Request attribute through which the authentication mechanism names the precise problem. */
  public static final String PROBLEM_ATTRIBUTE = "io.fileparser.problem";

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int code = status instanceof Integer i ? i : resp.getStatus();
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
          case NOT_FOUND -> "nothing is served at this path";
          default -> null;
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
            Problems.body(type, detail, uri == null ? null : uri.toString(), Map.of()));
  }
}
