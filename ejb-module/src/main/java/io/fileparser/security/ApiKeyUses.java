package io.fileparser.security;

import io.fileparser.security.entity.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes an API key's last use, in a transaction of its own: checking a key needs none (it is
 * usually answered from {@link KnownApiKeys}), and the write happens at most once a minute per key.
 */
@Stateless
public class ApiKeyUses {

  @PersistenceContext EntityManager em;

  /**
   * Writes {@code now} as the key's last use unless a use within {@link
   * ApiKeyService#LAST_USED_RESOLUTION} is recorded already; the update's own condition decides
   * among concurrent requests and instances, so at most one of them writes.
   *
   * @return whether this call wrote
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean record(UUID keyId, Instant now) {
    return em.createNamedQuery(ApiKey.MARK_USED)
            .setParameter("at", now)
            .setParameter("id", keyId)
            .setParameter("staleBefore", now.minus(ApiKeyService.LAST_USED_RESOLUTION))
            .executeUpdate()
        == 1;
  }
}
