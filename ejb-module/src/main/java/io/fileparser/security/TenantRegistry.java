package io.fileparser.security;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Knows the tenants. A tenant vouched for by the identity provider (a valid JWT) is registered the
 * first time it writes anything, so the foreign keys of its rows hold.
 */
@Stateless
public class TenantRegistry {

  @PersistenceContext EntityManager em;

  /** Registers the tenant if unknown, in the caller's transaction; safe under concurrency. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void ensure(String tenantId) {
    em.createNativeQuery(
            "insert into tenants (id, tier, created_at) values (?1, 'standard', now())"
                + " on conflict (id) do nothing")
        .setParameter(1, tenantId)
        .executeUpdate();
  }
}
