package io.fileparser.queue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.tenancy.TenantId;
import java.util.Set;

/**
 * Whose queue a caller administers: one tenant's (its admins and owners, {@code caller} set), or
 * every tenant's (the platform operator, whose token names no tenant: {@code caller} null).
 *
 * @param actor who acts, as audit records name them
 */
public record QueueScope(Caller caller, String actor) {

  /** The platform operator's scope. */
  public static QueueScope platform(String actor) {
    return new QueueScope(null, actor);
  }

  /** A tenant's admin's or owner's scope: that tenant only. */
  public static QueueScope tenant(Caller caller) {
    return new QueueScope(caller, caller.subject());
  }

  public boolean isPlatform() {
    return caller == null;
  }

  /**
   * The tenant to look at: the one asked for (or every tenant, null) on the platform's scope; on a
   * tenant's scope always that tenant.
   *
   * @throws ProblemException {@code invalid_request} for a tenant id that breaks the rule, {@code
   *     forbidden} when a tenant's admin asks for another tenant
   */
  public String tenantToRead(String requested) {
    if (requested != null && !TenantId.isValid(requested)) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "tenantId is not a valid tenant id");
    }
    if (isPlatform()) {
      return requested;
    }
    if (requested == null || requested.equals(caller.tenantId())) {
      return caller.tenantId();
    }
    throw new ProblemException(
        ProblemType.FORBIDDEN, "a tenant's admin administers only its own tenant's queue");
  }

  /**
   * The tenant whose dispatch a pause or resume changes, or null for the global pause.
   *
   * @param scope {@code tenant} or {@code global}
   * @param requested the tenant named in the request (the operator's way to name one)
   * @throws ProblemException {@code invalid_request} for another scope, for a tenant pause by the
   *     operator that names no tenant, or for a global one that names a tenant; {@code forbidden}
   *     for a global pause by anyone but the operator, or another tenant's
   */
  public String pauseTarget(String scope, String requested) {
    if ("global".equals(scope)) {
      if (!isPlatform()) {
        throw new ProblemException(
            ProblemType.FORBIDDEN,
            "only the platform operator pauses or resumes dispatch globally");
      }
      if (requested != null) {
        throw new ProblemException(ProblemType.INVALID_REQUEST, "a global pause names no tenantId");
      }
      return null;
    }
    if (!"tenant".equals(scope)) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "scope must be 'tenant' or 'global'");
    }
    String tenant = tenantToRead(requested);
    if (tenant == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "the operator names the tenant to pause in tenantId");
    }
    return tenant;
  }

  /**
   * Who acts on a job of {@code jobTenant}: a tenant's admin as themself; the operator with an
   * admin's rights in that tenant under its own name, so the job's own rules (what may be retried
   * or deleted) and its tenant's audit trail apply as if the tenant's admin had acted.
   */
  public Caller actingIn(String jobTenant) {
    if (!isPlatform()) {
      return caller;
    }
    return new Caller(jobTenant, actor, Set.of(Role.ADMIN), Caller.Method.JWT);
  }
}
