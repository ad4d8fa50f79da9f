package io.fileparser.jobs;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;

/**
 * Who may change (cancel, delete) a job of their own tenant. Admins and owners: any job. Members
 * and service callers: only the jobs they submitted, i.e. whose {@code submittedBy} is their own
 * subject (the same user, or the same API key; a machine caller is held to its own work like a
 * person, so one integration cannot withdraw another's). Anyone else: none.
 *
 * <p>Another caller's job answers 403 {@code forbidden}, not 404: the job exists in the caller's
 * tenant and they may list and read it, so "not found" would lie. Jobs of other tenants never get
 * this far: {@link TenantJobs} answers them 404 first.
 */
public final class JobOwnership {

  private JobOwnership() {}

  /** Whether {@code caller} may change a job of its tenant that {@code submittedBy} submitted. */
  public static boolean mayChange(Caller caller, String submittedBy) {
    if (caller.hasRole(Role.ADMIN) || caller.hasRole(Role.OWNER)) {
      return true;
    }
    return (caller.hasRole(Role.MEMBER) || caller.hasRole(Role.SERVICE))
        && caller.subject().equals(submittedBy);
  }

  /**
   * @throws ProblemException {@code forbidden} unless {@link #mayChange}
   */
  public static void requireMayChange(Caller caller, String submittedBy) {
    if (!mayChange(caller, submittedBy)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "only the caller who submitted this job, or an admin or owner of the tenant, may"
              + " cancel or delete it");
    }
  }
}
