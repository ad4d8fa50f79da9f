package io.fileparser.security;

import java.util.Set;
import java.util.regex.Pattern;

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

  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public Caller {
    if (!isValidTenantId(tenantId)) {
      throw new IllegalArgumentException("invalid tenant id");
    }
    roles = Set.copyOf(roles);
  }

  public static boolean isValidTenantId(String tenantId) {
    return tenantId != null && TENANT_ID.matcher(tenantId).matches();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
