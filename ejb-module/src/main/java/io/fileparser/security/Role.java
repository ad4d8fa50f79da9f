package io.fileparser.security;

import java.util.List;
import java.util.Set;

/**
 * The roles on the resource {@code data_ingestion}. Names are what identity providers put in the
 * JWT {@code groups} claim.
 */
public final class Role {
  /** Reads the tenant's jobs and files. */
  public static final String VIEWER = "viewer";

  /** Uploads files and manages what it created. */
  public static final String MEMBER = "member";

  /** Everything in the tenant, including API keys and the admin endpoints. */
  public static final String ADMIN = "admin";

  /** Everything an admin can do, and may grant admin. */
  public static final String OWNER = "owner";

  /** Machine callers (API keys of other systems): upload and read. */
  public static final String SERVICE = "service";

  public static final List<String> ALL = List.of(VIEWER, MEMBER, SERVICE, ADMIN, OWNER);

  private Role() {}

  public static boolean isKnown(String role) {
    return role != null && ALL.contains(role);
  }

  /** Roles that may grant others: an admin grants up to admin, only an owner grants owner. */
  public static Set<String> grantableBy(Set<String> callerRoles) {
    if (callerRoles.contains(OWNER)) {
      return Set.copyOf(ALL);
    }
    if (callerRoles.contains(ADMIN)) {
      return Set.of(VIEWER, MEMBER, SERVICE, ADMIN);
    }
    return Set.of();
  }
}
