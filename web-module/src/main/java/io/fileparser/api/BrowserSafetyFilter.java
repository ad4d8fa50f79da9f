package io.fileparser.api;

import io.fileparser.console.boundary.ConsolePages;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.boundary.CorsPolicy;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a browser needs to be told on every answer of this module, refusals and error pages included
 * (it runs on the error dispatch too): that nothing here is to be sniffed, framed, cached, or run
 * as a page, and — for the origins {@link CorsPolicy} allows — that their pages may call and read.
 * The console's files ({@link ConsolePages}) get the console's policy and caching instead. Answers
 * CORS preflights itself, before authentication (a browser never sends credentials with one; {@link
 * CredentialsMechanism} lets them through): 204 for an allowed origin, 403 {@code forbidden} for
 * any other.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR},
    asyncSupported = true)
public class BrowserSafetyFilter extends HttpFilter {

  @Inject
  @ConfigProperty(name = "fileparser.cors.allowed-origins")
  Optional<String> allowedOrigins = Optional.empty();

  /** The console's identity provider, which its page may connect to (see ConsolePages). */
  @Inject
  @ConfigProperty(name = "fileparser.console.oidc.issuer")
  Optional<String> consoleIdentityProvider = Optional.empty();

  private CorsPolicy cors;
  private String consolePolicy;

  @Override
  public void init() {
    cors = CorsPolicy.of(allowedOrigins.orElse(null));
    consolePolicy = ConsolePages.contentSecurityPolicy(consoleIdentityProvider);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    secure(request, response);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (request.getDispatcherType() == DispatcherType.REQUEST && ConsolePages.serves(path)) {
      // The console's page and bundles: its own policy, and caching by file.
      response.setHeader("Content-Security-Policy", consolePolicy);
      response.setHeader("Cache-Control", ConsolePages.cacheControl(path));
    }
    String origin = request.getHeader("Origin");
    boolean allowed = cors.allows(origin);
    if (allowed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
    }
    if (origin != null) {
      response.addHeader("Vary", "Origin");
    }
    if (request.getDispatcherType() == DispatcherType.REQUEST
        && CorsPolicy.isPreflight(
            request.getMethod(), origin, request.getHeader("Access-Control-Request-Method"))) {
      answerPreflight(allowed, response);
      return;
    }
    if (allowed) {
      response.setHeader("Access-Control-Expose-Headers", CorsPolicy.EXPOSED_HEADERS);
    }
    chain.doFilter(request, response);
  }

  /** Headers that keep a browser from doing anything with an answer but hand it to a script. */
  private static void secure(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    if (!response.containsHeader("Cache-Control")) {
      // Answers carry a tenant's data: no cache keeps them.
      response.setHeader("Cache-Control", "no-store");
    }
  }

  private static void answerPreflight(boolean allowed, HttpServletResponse response)
      throws IOException {
    if (!allowed) {
      response.setStatus(403);
      response.setContentType(Problems.MEDIA_TYPE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      ObjectMapperResolver.mapper()
          .writeValue(
              response.getOutputStream(),
              Problems.body(
                  ProblemType.FORBIDDEN,
                  "pages of this origin may not call this API (fileparser.cors.allowed-origins)",
                  null,
                  Map.of()));
      return;
    }
    response.setStatus(204);
    response.setHeader("Access-Control-Allow-Methods", CorsPolicy.ALLOWED_METHODS);
    response.setHeader("Access-Control-Allow-Headers", CorsPolicy.ALLOWED_HEADERS);
    response.setHeader("Access-Control-Max-Age", CorsPolicy.MAX_AGE);
  }
}
