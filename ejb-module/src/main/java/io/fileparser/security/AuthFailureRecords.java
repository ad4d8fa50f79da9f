package io.fileparser.security;

import io.fileparser.audit.AuditLog;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a closed window of authentication failures into the audit trail, in one transaction: one
 * record in each claimed tenant's trail that exists, one in the platform's for the rest. A claim is
 * only a claim, so a tenant that does not exist gets nothing (its id is named in the platform's
 * record), and a tenant's admins learn of failures claiming their tenant, never of another's.
 */
@Stateless
public class AuthFailureRecords {

  /** Who the records name as their actor. */
  static final String ACTOR = "system:authentication";

  static final String ACTION = "auth.failures";
  static final String TARGET_TYPE = "time_window";

  /** The tenant id of the platform's own records (as worker commands and global pauses use). */
  static final String PLATFORM = "*";

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;

  /**
   * Records the window.
   *
   * @return the summaries recorded
   */
  public List<FailureSummary> record(FailureWindow window) {
    List<FailureSummary> summaries = window.summaries(existing(window.claimedTenants()));
    for (FailureSummary summary : summaries) {
      audit.record(
          summary.tenantId() == null ? PLATFORM : summary.tenantId(),
          ACTOR,
          ACTION,
          TARGET_TYPE,
          summary.targetId(),
          summary.details());
    }
    return summaries;
  }

  private Set<String> existing(Set<String> claimed) {
    if (claimed.isEmpty()) {
      return Set.of();
    }
    @SuppressWarnings("unchecked")
    List<String> found =
        em.createNativeQuery("select id from tenants where id in (:ids)")
            .setParameter("ids", List.copyOf(claimed))
            .getResultList();
    return new HashSet<>(found);
  }
}
