package io.fileparser.usage;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.tenancy.TenantId;

/**
 * Whose usage a reader may see: one tenant's (its owner), or every tenant's (the platform operator,
 * whose token names no tenant).
 */
public record UsageScope(String tenantId) {

  public static UsageScope platform() {
    return new UsageScope(null);
  }

  public static UsageScope tenant(String tenantId) {
    return new UsageScope(TenantId.require(tenantId));
  }

  public boolean isPlatform() {
    return tenantId == null;
  }

  /**
   * The tenant to report on: the one asked for (or every tenant, null) on the platform's scope; on
   * a tenant's scope always that tenant.
   *
   * @throws ProblemException {@code invalid_request} for a tenant id that breaks the rule, {@code
   *     forbidden} when an owner asks for another tenant
   */
  public String tenantToRead(String requested) {
    if (requested != null && !TenantId.isValid(requested)) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "tenant is not a valid tenant id");
    }
    if (isPlatform()) {
      return requested;
    }
    if (requested == null || requested.equals(tenantId)) {
      return tenantId;
    }
    throw new ProblemException(
        ProblemType.FORBIDDEN, "a tenant's owner reads only its own tenant's usage");
  }
}
