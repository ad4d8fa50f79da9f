package io.fileparser.ratelimit;

import io.fileparser.security.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The tier a tenant is on; {@code standard} for a tenant not registered yet. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TenantTiers {

  @PersistenceContext EntityManager em;

  public String tierOf(String tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    return tenant == null || tenant.getTier() == null ? "standard" : tenant.getTier();
  }
}
