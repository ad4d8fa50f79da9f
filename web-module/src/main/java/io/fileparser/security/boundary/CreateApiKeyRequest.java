package io.fileparser.security.boundary;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * A request to create an API key; roles default to {@code service}, unknown roles are refused by
 * the service. {@code expiresAt} (ISO-8601, e.g. {@code 2027-01-31T00:00:00Z}) is optional: without
 * it the key works until revoked. Payara's OpenAPI scanner fails on constraints in type arguments
 * ({@code Set<@NotNull String>}) and on those a record copies onto its constructor, hence a plain
 * class.
 */
public class CreateApiKeyRequest {

  @NotBlank
  @Size(max = 100)
  public String name;

  @Size(max = 5)
  public Set<String> roles;

  @Future public Instant expiresAt;
}
