package io.fileparser.console.boundary;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a browser is told with the console's files: a Content-Security-Policy that runs only the
 * console's own scripts and styles (no inline script, nothing from another origin but the identity
 * provider's endpoints), and how long it may keep each file (the bundles are named by their content
 * hash and kept for a year; the page and its configuration are checked every time).
 */
public final class ConsolePages {

  /** Where the console lives in the web module. */
  public static final String PATH = "/parser";

  private static final Pattern HASHED_BUNDLE = Pattern.compile(".*-[A-Z0-9]{8}\\.(js|css|txt)$");

  private ConsolePages() {}

  /** Whether {@code pathInContext} (the request URI without the context path) is the console's. */
  public static boolean serves(String pathInContext) {
    return pathInContext.equals(PATH) || pathInContext.startsWith(PATH + "/");
  }

  /**
   * The console's policy; {@code identityProvider} (the OIDC issuer, when one is configured) is
   * added to where the page may connect, for its discovery document and token endpoint.
   */
  public static String contentSecurityPolicy(Optional<String> identityProvider) {
    String connect =
        "'self'" + identityProvider.flatMap(ConsolePages::origin).map(o -> " " + o).orElse("");
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        + " font-src 'self'; connect-src "
        + connect
        + "; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
        + " frame-ancestors 'none'";
  }

  /** Cache-Control for one of the console's files. */
  public static String cacheControl(String pathInContext) {
    return HASHED_BUNDLE.matcher(pathInContext).matches()
        ? "public, max-age=31536000, immutable"
        : "no-cache";
  }

  private static Optional<String> origin(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(
          uri.getScheme()
              + "://"
              + uri.getHost()
              + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
