package io.fileparser.audit;

import io.fileparser.audit.entity.AuditRecord;
import io.fileparser.problem.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the audit log and proves its chain. A tenant's admins and owners list their own tenant's
 * records; the platform operator lists every tenant's, optionally one tenant's. Verifying walks the
 * one chain of the whole log, so it reads every tenant's records and is the operator's alone (a
 * tenant's admin must not learn what other tenants did, nor how much).
 */
@Stateless
public class AuditTrail {

  /** Records read per round trip while verifying: the walk never holds more than one page. */
  static final int VERIFY_PAGE = 500;

  @PersistenceContext EntityManager em;

  /**
   * One page of the records the scope may see that the query's filters select, newest first.
   *
   * @throws ProblemException {@code forbidden} when a tenant's admin asks for another tenant,
   *     {@code invalid_cursor} for a cursor of another list
   */
  public AuditPage list(AuditScope scope, AuditQuery query) {
    String tenant = scope.tenantToRead(query.tenantId());
    if (query.cursor() != null && !query.cursor().isFor(scope)) {
      throw AuditCursor.invalid();
    }
    StringBuilder jpql = new StringBuilder("select r from AuditRecord r where 1 = 1");
    Map<String, Object> params = new HashMap<>();
    where(jpql, params, "r.tenantId", "tenant", "=", tenant);
    where(jpql, params, "r.action", "action", "=", query.action());
    where(jpql, params, "r.actor", "actor", "=", query.actor());
    where(jpql, params, "r.targetType", "targetType", "=", query.targetType());
    where(jpql, params, "r.targetId", "targetId", "=", query.targetId());
    where(jpql, params, "r.occurredAt", "from", ">=", query.from());
    where(jpql, params, "r.occurredAt", "to", "<", query.to());
    where(
        jpql,
        params,
        "r.id",
        "before",
        "<",
        query.cursor() == null ? null : query.cursor().beforeId());
    jpql.append(" order by r.id desc");
    TypedQuery<AuditRecord> q = em.createQuery(jpql.toString(), AuditRecord.class);
    params.forEach(q::setParameter);
    List<AuditRecord> rows = q.setMaxResults(query.limit() + 1).getResultList();

    List<AuditRecordView> items = new ArrayList<>();
    for (int i = 0; i < Math.min(rows.size(), query.limit()); i++) {
      items.add(AuditRecordView.from(rows.get(i)));
    }
    String next = null;
    if (rows.size() > query.limit()) {
      next = AuditCursor.after(rows.get(query.limit() - 1).getId(), scope).encode();
    }
    return new AuditPage(items, next);
  }

  /**
   * Walks the whole chain in id order, a page at a time, up to the record the chain's head named
   * when the walk began (records appended meanwhile are left to the next walk), recomputing every
   * hash; stops at the first broken record.
   */
  public ChainVerification verify() {
    Object[] head =
        (Object[])
            em.createNativeQuery("select last_id, last_hash from audit_chain_head where id = 1")
                .getSingleResult();
    long headId = ((Number) head[0]).longValue();
    ChainWalk walk = new ChainWalk();
    boolean goOn = true;
    while (goOn) {
      List<AuditRecord> page =
          em.createQuery(
                  "select r from AuditRecord r where r.id > :after and r.id <= :head"
                      + " order by r.id",
                  AuditRecord.class)
              .setParameter("after", walk.lastId())
              .setParameter("head", headId)
              .setMaxResults(VERIFY_PAGE)
              .getResultList();
      for (AuditRecord record : page) {
        goOn = walk.accept(record.getId(), record.getPrevHash(), record.getHash(), entry(record));
        if (!goOn) {
          break;
        }
      }
      em.clear();
      goOn = goOn && page.size() == VERIFY_PAGE;
    }
    return walk.finish(headId, (byte[]) head[1]);
  }

  private static AuditEntry entry(AuditRecord record) {
    return new AuditEntry(
        record.getTenantId(),
        record.getActor(),
        record.getAction(),
        record.getTargetType(),
        record.getTargetId(),
        record.getDetails(),
        record.getOccurredAt());
  }

  private static void where(
      StringBuilder jpql,
      Map<String, Object> params,
      String path,
      String name,
      String op,
      Object v) {
    if (v != null) {
      jpql.append(" and ").append(path).append(' ').append(op).append(" :").append(name);
      params.put(name, v);
    }
  }
}
