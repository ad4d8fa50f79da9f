package io.fileparser.security;

import io.fileparser.tenancy.TenantId;
import java.util.Set;

/**
 * Who is calling: the tenant every query is scoped to, the subject for audit records and the roles
 * already checked by the container. Passed explicitly to every service method.
 */
public record Caller(String tenantId, String subject, Set<String> roles, Method method) {

  /** How the caller proved who it is. */
  public enum Method {
    JWT,
    API_KEY
  }

  /**
   * @throws IllegalArgumentException when {@code tenantId} breaks the {@link TenantId} rule
   */
  public Caller {
    TenantId.require(tenantId);
    roles = Set.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
