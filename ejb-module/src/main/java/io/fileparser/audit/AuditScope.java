package io.fileparser.audit;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.tenancy.TenantId;

/**
 * Whose audit records a reader may see: one tenant's (its admins and owners), or every tenant's
 * (the platform operator). A plain value rather than the caller, because the audit trail stands
 * below the capability that knows callers and roles (every capability audits, security included).
 */
public record AuditScope(String tenantId) {

  /** The platform operator's scope: every tenant's records. */
  public static AuditScope platform() {
    return new AuditScope(null);
  }

  /** A tenant's admins' scope: that tenant's records only. */
  public static AuditScope tenant(String tenantId) {
    return new AuditScope(TenantId.require(tenantId));
  }

  public boolean isPlatform() {
    return tenantId == null;
  }

  /**
   * The tenant whose records to read: the one asked for (or every tenant's, when null) on the
   * platform's scope; on a tenant's scope, always that tenant.
   *
   * @throws ProblemException {@code forbidden} when a tenant's admin asks for another tenant's
   *     records
   */
  String tenantToRead(String requested) {
    if (isPlatform()) {
      return requested;
    }
    if (requested == null || requested.equals(tenantId)) {
      return tenantId;
    }
    throw new ProblemException(
        ProblemType.FORBIDDEN, "a tenant's admin reads only its own tenant's audit records");
  }

  /** The tag a cursor of this scope's list carries. */
  String tag() {
    return isPlatform() ? "*" : tenantId;
  }
}
