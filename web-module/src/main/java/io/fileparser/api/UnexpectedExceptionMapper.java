package io.fileparser.api;

import io.fileparser.problem.InputLimits;
import io.fileparser.problem.Outages;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: logs the failure with an id and answers a problem that names the id but reveals
 * nothing of the internals. Unwraps container wrappers around our own exceptions first. A value the
 * database refused as data (a NUL byte, a date out of its range) is the client's: 400, and a
 * warning that a check on the way in is missing; a dependency away is a 503.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context UriInfo uri;

  @Override
  public Response toResponse(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
      if (t instanceof ProblemException p) {
        return Problems.response(p.type(), p.detail(), path(), p.extensions());
      }
      if (t instanceof WebApplicationException w) {
        WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper();
        mapper.uri = uri;
        return mapper.toResponse(w);
      }
    }
    Optional<String> refused = InputLimits.refusedByDatabase(e);
    if (refused.isPresent()) {
      // A value of the request no check stopped: the client's error, but a check is missing.
      LOG.warning(() -> "the database refused a value of the request at " + path() + ": " + e);
      return Problems.response(
          ProblemType.INVALID_REQUEST,
          "a value of the request cannot be stored or compared (a NUL character, or a date or"
              + " number out of range)",
          path(),
          Map.of());
    }
    Optional<String> away = Outages.dependencyAway(e);
    if (away.isPresent()) {
      // A dependency outage, not a bug: one line per request, no stack trace flood.
      LOG.warning(() -> "the " + away.get() + " is unavailable at " + path() + ": " + e);
      return Problems.response(
          ProblemType.SERVICE_UNAVAILABLE,
          "the service is briefly unavailable (its "
              + away.get()
              + " cannot be reached); nothing was changed, try again shortly",
          path(),
          Map.of());
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected failure, incident " + incident + " at " + path(), e);
    return Problems.response(
        ProblemType.INTERNAL_ERROR,
        "an unexpected error occurred; quote incident " + incident + " when reporting it",
        path(),
        Map.of("incident", incident));
  }

  private String path() {
    return uri == null ? null : uri.getRequestUri().getPath();
  }
}
