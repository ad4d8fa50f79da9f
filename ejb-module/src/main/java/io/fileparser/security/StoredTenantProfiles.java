package io.fileparser.security;

import io.fileparser.security.entity.Tenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reads a tenant's profile from its row; {@link TenantProfiles} remembers what it read. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StoredTenantProfiles {

  @PersistenceContext EntityManager em;

  public TenantProfile load(String tenantId) {
    Tenant tenant = em.find(Tenant.class, tenantId);
    return tenant == null ? TenantProfile.UNREGISTERED : TenantProfile.of(tenant);
  }
}
