package io.fileparser.resumable.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer below {@code /upload/stream}, refusals included, carries {@code Tus-Resumable}; a
 * 412 also carries {@code Tus-Version}, the versions we speak (tus 1.0.0 core protocol).
 */
@Provider
public class TusResponseHeaders implements ContainerResponseFilter {

  static boolean isTusPath(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.equals("upload/stream") || p.startsWith("upload/stream/");
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!isTusPath(request.getUriInfo().getPath())) {
      return;
    }
    response.getHeaders().putSingle(TusHeaders.TUS_RESUMABLE, TusHeaders.VERSION);
    if (response.getStatus() == 412) {
      response.getHeaders().putSingle(TusHeaders.TUS_VERSION, TusHeaders.VERSION);
    }
  }
}
