package io.fileparser.security.boundary;

import java.util.Locale;

/**
 * What a request presents to prove who it is, read from its headers. An {@code X-API-Key} header
 * wins over an {@code Authorization} header; schemes are case-insensitive (RFC 9110).
 */
public record PresentedCredentials(Kind kind, String value) {

  /** The kind of credentials presented. */
  public enum Kind {
    NONE,
    API_KEY,
    BEARER,
    /** An Authorization header with a scheme we do not accept (Basic, Digest, ...). */
    UNSUPPORTED
  }

  private static final String API_KEY_SCHEME = "apikey";
  private static final String BEARER_SCHEME = "bearer";

  public static PresentedCredentials from(String apiKeyHeader, String authorizationHeader) {
    if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
      return new PresentedCredentials(Kind.API_KEY, apiKeyHeader.strip());
    }
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      return new PresentedCredentials(Kind.NONE, null);
    }
    String header = authorizationHeader.strip();
    int space = header.indexOf(' ');
    String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    return switch (scheme) {
      case API_KEY_SCHEME -> new PresentedCredentials(Kind.API_KEY, value);
      case BEARER_SCHEME -> new PresentedCredentials(Kind.BEARER, value);
      default -> new PresentedCredentials(Kind.UNSUPPORTED, null);
    };
  }

  @Override
  public String toString() {
    return "PresentedCredentials[" + kind + "]";
  }
}
