package io.fileparser.resumable.boundary;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Set;

/**
 * {@code X-HTTP-Method-Override} on a POST below {@code /upload/stream}: tus clients in
 * environments that cannot send PATCH or DELETE send a POST naming the method, which the server
 * must then use. Only the tus methods, only there.
 */
@Provider
@PreMatching
public class TusMethodOverride implements ContainerRequestFilter {

  private static final Set<String> METHODS =
      Set.of(HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS);

  @Override
  public void filter(ContainerRequestContext request) {
    String override = request.getHeaderString(TusHeaders.METHOD_OVERRIDE);
    if (override == null
        || !HttpMethod.POST.equals(request.getMethod())
        || !TusResponseHeaders.isTusPath(request.getUriInfo().getPath())) {
      return;
    }
    String method = override.strip().toUpperCase(Locale.ROOT);
    if (METHODS.contains(method)) {
      request.setMethod(method);
    }
  }
}
