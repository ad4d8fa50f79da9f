package io.fileparser.upload;

import io.fileparser.security.entity.ScanPolicy;
import io.fileparser.security.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The upload policies of a tenant, with the defaults for a tenant not registered yet. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TenantPolicies {

  /** What a tenant allows: what happens to infected files, and PDF active content. */
  public record Policy(ScanPolicy scanPolicy, boolean allowPdfActiveContent) {}

  @PersistenceContext EntityManager em;

  public Policy of(String tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    return tenant == null
        ? new Policy(ScanPolicy.REJECT, false)
        : new Policy(tenant.getScanPolicy(), tenant.isAllowPdfActiveContent());
  }
}
