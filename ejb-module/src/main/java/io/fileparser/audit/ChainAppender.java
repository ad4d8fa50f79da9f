package io.fileparser.audit;

import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Links a transaction's audit records into the chain as it is about to commit. The one row of
 * {@code audit_chain_head}, locked FOR UPDATE, serializes appenders across every node: the holder
 * draws each record's id, hashes it after the last hash, inserts it and moves the head on, so each
 * record's {@code prev_hash} is the hash of the record before it in id order, whatever the number
 * of concurrent writers. Records are inserted with SQL, not through the entity, because the hash
 * covers the id and must be known before the insert (the table refuses any later update).
 *
 * <p>If linking fails, the synchronization throws and the whole transaction rolls back: an audited
 * change never commits without its record.
 */
final class ChainAppender implements Synchronization {

  private final EntityManager em;
  private final List<AuditEntry> entries = new ArrayList<>();

  ChainAppender(EntityManager em) {
    this.em = em;
  }

  void add(AuditEntry entry) {
    entries.add(entry);
  }

  @Override
  public void beforeCompletion() {
    append(em, entries);
  }

  @Override
  public void afterCompletion(int status) {
    entries.clear();
  }

  /** Links {@code entries}, in order, after the chain's last record, in the current transaction. */
  static void append(EntityManager em, List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    byte[] prev =
        (byte[])
            em.createNativeQuery("select last_hash from audit_chain_head where id = 1 for update")
                .getSingleResult();
    long id = 0;
    for (AuditEntry entry : entries) {
      id =
          ((Number)
                  em.createNativeQuery("select nextval(pg_get_serial_sequence('audit_log', 'id'))")
                      .getSingleResult())
              .longValue();
      byte[] hash = AuditChain.hash(prev, id, entry);
      em.createNativeQuery(
              "insert into audit_log (id, tenant_id, actor, action, target_type, target_id,"
                  + " details, occurred_at, prev_hash, hash)"
                  + " values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as varchar), ?8, ?9, ?10)")
          .setParameter(1, id)
          .setParameter(2, entry.tenantId())
          .setParameter(3, entry.actor())
          .setParameter(4, entry.action())
          .setParameter(5, entry.targetType())
          .setParameter(6, entry.targetId())
          .setParameter(7, entry.details())
          .setParameter(8, OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC))
          .setParameter(9, prev)
          .setParameter(10, hash)
          .executeUpdate();
      prev = hash;
    }
    em.createNativeQuery("update audit_chain_head set last_id = ?1, last_hash = ?2 where id = 1")
        .setParameter(1, id)
        .setParameter(2, prev)
        .executeUpdate();
  }
}
