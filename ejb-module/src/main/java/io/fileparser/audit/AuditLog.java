package io.fileparser.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;

/**
 * Appends to the hash-chained audit log. Joins the caller's transaction (MANDATORY), so an audited
 * change and its record commit or roll back together. Takes plain values, so any capability can
 * audit without the audit trail knowing who its callers are.
 *
 * <p>A record is linked into the chain ({@link ChainAppender}) just before its transaction commits,
 * not when it is recorded: linking takes the chain's one lock, and a transaction that took it early
 * and then waited for another row lock (a bulk cancel reaching a job another request holds, which
 * in turn waits to audit) would deadlock. Taken last, the lock is held only for the insert and the
 * commit, and no transaction ever waits for another lock while holding it. So ids follow the order
 * in which transactions commit, while {@code occurredAt} is when the change was recorded: two
 * records may show times out of id order by the length of a transaction.
 */
@Stateless
public class AuditLog {

  private static final Object PENDING = new Object();

  @PersistenceContext EntityManager em;

  /** Null only when wired by hand for component tests: records are then linked at once. */
  @Resource TransactionSynchronizationRegistry transactions;

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
    AuditEntry entry =
        new AuditEntry(tenantId, actor, action, targetType, targetId, details, Instant.now());
    if (transactions == null) {
      ChainAppender.append(em, List.of(entry));
      return;
    }
    ChainAppender pending = (ChainAppender) transactions.getResource(PENDING);
    if (pending == null) {
      pending = new ChainAppender(em);
      transactions.putResource(PENDING, pending);
      transactions.registerInterposedSynchronization(pending);
    }
    pending.add(entry);
  }
}
