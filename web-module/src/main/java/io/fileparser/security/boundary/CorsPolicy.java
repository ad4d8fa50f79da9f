package io.fileparser.security.boundary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may call the API from a browser, and what such a call may send and read (Fetch
 * standard, CORS protocol). Origins are listed exactly ({@code fileparser.cors.allowed-origins},
 * comma-separated, per environment); none listed, no browser origin but the API's own may call. No
 * wildcard: the API answers with the tenant's data to any caller holding a token, and a page on any
 * site could hold one a user pasted.
 *
 * <p>Credentials travel in headers ({@code Authorization}, {@code X-API-Key}), never in cookies, so
 * {@code Access-Control-Allow-Credentials} is never sent.
 */
public final class CorsPolicy {

  /**
   * What a browser page may send: credentials, bodies, idempotency, preferences and the tus
   * protocol.
   */
  public static final String ALLOWED_HEADERS =
      String.join(
          ", ",
          "Authorization",
          "X-API-Key",
          "Content-Type",
          "Content-Disposition",
          "Accept",
          "Idempotency-Key",
          "Prefer",
          "Last-Event-ID",
          "Tus-Resumable",
          "Upload-Length",
          "Upload-Defer-Length",
          "Upload-Offset",
          "Upload-Metadata",
          "Upload-Concat",
          "Upload-Checksum",
          "X-HTTP-Method-Override");

  public static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  /** What a browser page may read of an answer beyond the CORS-safelisted headers. */
  public static final String EXPOSED_HEADERS =
      String.join(
          ", ",
          "Location",
          "ETag",
          "Retry-After",
          "RateLimit",
          "RateLimit-Policy",
          "WWW-Authenticate",
          "Idempotent-Replayed",
          "Preference-Applied",
          "Tus-Resumable",
          "Tus-Version",
          "Tus-Extension",
          "Tus-Max-Size",
          "Tus-Checksum-Algorithm",
          "Upload-Offset",
          "Upload-Length",
          "Upload-Expires",
          "Upload-Metadata",
          "Upload-Concat",
          "Upload-Job-Id");

  /** How long a browser may keep a preflight's answer (seconds). */
  public static final String MAX_AGE = "600";

  private final Set<String> allowed;

  private CorsPolicy(Set<String> allowed) {
    this.allowed = allowed;
  }

  /**
   * The policy of a comma-separated list of origins ({@code https://console.example.com}); blanks
   * and trailing slashes are ignored, scheme and host compared without case.
   */
  public static CorsPolicy of(String origins) {
    return new CorsPolicy(
        origins == null
            ? Set.of()
            : Arrays.stream(origins.split(","))
                .map(CorsPolicy::normalize)
                .filter(o -> !o.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
  }

  /** Whether a page of {@code origin} (the request's {@code Origin} header) may call. */
  public boolean allows(String origin) {
    return origin != null && allowed.contains(normalize(origin));
  }

  /** Whether a request is a CORS preflight: OPTIONS naming the method the page wants to use. */
  public static boolean isPreflight(String method, String origin, String requestedMethod) {
    return "OPTIONS".equalsIgnoreCase(method) && origin != null && requestedMethod != null;
  }

  private static String normalize(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
