package io.fileparser.security;

/**
 * Why a request was not authenticated, as the audit trail counts it. Each names what the server
 * saw, never what was presented: a key's or a token's text is never kept. A key is said to be
 * revoked or expired only when its secret was right (whoever sent it held the key); a wrong secret
 * is a wrong secret whatever the key's state.
 */
public enum AuthFailureReason {
  /** Neither an API key nor an Authorization header (nor a WebSocket ticket). */
  CREDENTIALS_MISSING("credentials_missing"),
  /** An Authorization scheme other than Bearer and ApiKey (Basic, Digest, ...). */
  SCHEME_UNSUPPORTED("scheme_unsupported"),
  /** Not of the form {@code fpk_<prefix>_<secret>}. */
  API_KEY_MALFORMED("api_key_malformed"),
  /** Well-formed, but no key has its prefix. */
  API_KEY_UNKNOWN("api_key_unknown"),
  /** A key's prefix with a secret that is not the key's. */
  API_KEY_WRONG_SECRET("api_key_wrong_secret"),
  /** The right secret of a revoked key. */
  API_KEY_REVOKED("api_key_revoked"),
  /** The right secret of an expired key. */
  API_KEY_EXPIRED("api_key_expired"),
  /** Not three base64url parts of JSON: not a JWT at all. */
  TOKEN_MALFORMED("token_malformed"),
  /** A JWT past its expiry (and the allowed clock skew). */
  TOKEN_EXPIRED("token_expired"),
  /** A JWT whose signature is not one of the trusted key (or that has none). */
  TOKEN_BAD_SIGNATURE("token_bad_signature"),
  /** A JWT refused for another reason: issuer, audience, maximum age. */
  TOKEN_REJECTED("token_rejected"),
  /** A WebSocket ticket that is unknown, used or expired. */
  TICKET_INVALID("ticket_invalid");

  private final String wireName;

  AuthFailureReason(String wireName) {
    this.wireName = wireName;
  }

  /** The name the audit record's details use. */
  public String wireName() {
    return wireName;
  }

  /** The reason of a wire name; null for a name that is none. */
  static AuthFailureReason ofWireName(String name) {
    for (AuthFailureReason reason : values()) {
      if (reason.wireName.equals(name)) {
        return reason;
      }
    }
    return null;
  }
}
