package io.fileparser.security;

import java.util.Optional;

/**
 * What checking a presented API key found: the caller it stands for, or why it was refused, with
 * the key's public prefix and tenant where a key of that prefix exists (never the secret).
 */
public record ApiKeyCheck(
    Caller caller, AuthFailureReason refusal, String keyPrefix, String keyTenantId) {

  static ApiKeyCheck accepted(Caller caller) {
    return new ApiKeyCheck(caller, null, null, null);
  }

  static ApiKeyCheck refused(AuthFailureReason reason, String keyPrefix, String keyTenantId) {
    return new ApiKeyCheck(null, reason, keyPrefix, keyTenantId);
  }

  public Optional<Caller> accepted() {
    return Optional.ofNullable(caller);
  }

  /** The refusal as the audit trail counts it, from {@code source}. */
  public AuthFailure failure(String source) {
    return new AuthFailure(refusal, source, keyTenantId, keyPrefix);
  }
}
