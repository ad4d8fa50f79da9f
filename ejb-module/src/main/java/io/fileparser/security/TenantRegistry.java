package io.fileparser.security;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Knows the tenants. A tenant vouched for by the identity provider (a valid JWT) is registered the
 * first time it writes anything, so the foreign keys of its rows hold.
 */
@Stateless
public class TenantRegistry {

  @PersistenceContext EntityManager em;
  @Inject KnownTenants known;

  /**
   * Registers the tenant if unknown, in the caller's transaction; safe under concurrency. A tenant
   * this instance has seen registered already costs no statement: tenants are never removed.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void ensure(String tenantId) {
    if (known.contains(tenantId)) {
      return;
    }
    int inserted =
        em.createNativeQuery(
                "insert into tenants (id, tier, created_at) values (?1, 'standard', now())"
                    + " on conflict (id) do nothing")
            .setParameter(1, tenantId)
            .executeUpdate();
    if (inserted == 0) {
      // Registered by a transaction that committed (or this statement would have waited for it):
      // known for good. A row inserted here is not, until a later call finds it: this transaction
      // may still roll back.
      known.add(tenantId);
    }
  }
}
