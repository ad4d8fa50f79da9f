package io.fileparser.security;

import java.util.List;
import java.util.Set;

/**
 * The roles on the resource {@code data_ingestion}. Names are what identity providers put in the
 * JWT {@code groups} claim. All but {@link #OPERATOR} are roles inside one tenant.
 */
public final class Role {
  /** Reads the tenant's jobs and files. */
  public static final String VIEWER = "viewer";

  /** Uploads files; cancels or deletes the jobs it submitted, no one else's. */
  public static final String MEMBER = "member";

  /**
   * Everything in the tenant, including API keys and any of its jobs (not the platform's views: see
   * operator).
   */
  public static final String ADMIN = "admin";

  /** Everything an admin can do, and may grant admin. */
  public static final String OWNER = "owner";

  /**
   * Machine callers (API keys of other systems): upload and read; like a member, cancels or deletes
   * only the jobs it submitted itself.
   */
  public static final String SERVICE = "service";

  /**
   * The platform's operator, not a tenant's: sees fleet-wide information (the workers, their hosts
   * and load, every tenant's work) and no tenant's data. Comes only from the identity provider;
   * nobody grants it to an API key.
   */
  public static final String OPERATOR = "operator";

  /** The roles inside a tenant: what API keys may carry. */
  public static final List<String> TENANT_ROLES = List.of(VIEWER, MEMBER, SERVICE, ADMIN, OWNER);

  public static final List<String> ALL = List.of(VIEWER, MEMBER, SERVICE, ADMIN, OWNER, OPERATOR);

  private Role() {}

  public static boolean isKnown(String role) {
    return role != null && ALL.contains(role);
  }

  /**
   * Whether a caller may revoke a key holding {@code keyRoles}: only if it could have granted every
   * one of them, so an admin cannot revoke an owner's key, and an owner may revoke any key.
   */
  public static boolean mayRevokeKeyWith(Set<String> callerRoles, Set<String> keyRoles) {
    return grantableBy(callerRoles).containsAll(keyRoles);
  }

  /**
   * Roles that may grant others: an admin grants up to admin, only an owner grants owner, and no
   * one grants {@link #OPERATOR} (a tenant must not hand out a platform-wide view).
   */
  public static Set<String> grantableBy(Set<String> callerRoles) {
    if (callerRoles.contains(OWNER)) {
      return Set.copyOf(TENANT_ROLES);
    }
    if (callerRoles.contains(ADMIN)) {
      return Set.of(VIEWER, MEMBER, SERVICE, ADMIN);
    }
    return Set.of();
  }
}
