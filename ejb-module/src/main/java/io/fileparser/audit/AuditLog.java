package io.fileparser.audit;

import io.fileparser.audit.entity.AuditRecord;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends to the audit log. Joins the caller's transaction (MANDATORY), so an audited change and
 * its record commit or roll back together.
 */
@Stateless
public class AuditLog {

  @PersistenceContext EntityManager em;

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void record(
      Caller actor, String action, String targetType, String targetId, String details) {
    em.persist(
        new AuditRecord(
            actor.tenantId(),
            actor.subject(),
            action,
            targetType,
            targetId,
            details,
            Instant.now().truncatedTo(ChronoUnit.MICROS)));
  }
}
