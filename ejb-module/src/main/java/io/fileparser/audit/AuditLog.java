package io.fileparser.audit;

import io.fileparser.audit.entity.AuditRecord;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Appends to the audit log. Joins the caller's transaction (MANDATORY), so an audited change and
 * its record commit or roll back together. Takes plain values, so any capability can audit without
 * the audit trail knowing who its callers are.
 */
@Stateless
public class AuditLog {

  @PersistenceContext EntityManager em;

  /**
   * @param actor who did it: a user's subject, an API key's principal, or {@code system:<part>}
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void record(
      String tenantId,
      String actor,
      String action,
      String targetType,
      String targetId,
      String details) {
    em.persist(
        new AuditRecord(
            tenantId,
            actor,
            action,
            targetType,
            targetId,
            details,
            Instant.now().truncatedTo(ChronoUnit.MICROS)));
  }
}
