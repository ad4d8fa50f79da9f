package io.fileparser.security;

import io.fileparser.security.entity.ApiKey;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key as the API shows it: never the secret, only the public prefix. {@code lastUsedAt} is
 * exact to a minute (uses within a minute of the last recorded one are not written); {@code
 * expiresAt} is null for a key that never expires.
 */
public record ApiKeyView(
    UUID id,
    String name,
    String prefix,
    Set<String> roles,
    String createdBy,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    Instant revokedAt) {

  public static ApiKeyView from(ApiKey key) {
    return new ApiKeyView(
        key.getId(),
        key.getName(),
        key.getKeyPrefix(),
        key.getRoles(),
        key.getCreatedBy(),
        key.getCreatedAt(),
        key.getLastUsedAt(),
        key.getExpiresAt(),
        key.getRevokedAt());
  }
}
