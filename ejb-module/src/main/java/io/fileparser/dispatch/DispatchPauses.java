package io.fileparser.dispatch;

import io.fileparser.audit.AuditLog;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Pauses and resumes dispatch, for one tenant or for everyone. A pause is a row of {@code
 * dispatch_pauses}, which {@link OutboxBatch} reads on every batch: it holds on every instance and
 * across restarts, and it only holds messages back, so nothing is lost and nothing is re-sent. Jobs
 * are still accepted and queued while paused (their messages wait in the outbox); jobs already
 * pushed to the broker run on. Who may pause what is the caller's business; this records the change
 * and audits it in the same transaction, once: pausing what is paused (or resuming what runs)
 * changes nothing and audits nothing.
 */
@Stateless
public class DispatchPauses {

  /**
   * The {@code scope} key of the global pause, and the tenant its audit records are kept under: not
   * a valid tenant id, so no tenant's admin ever reads them; the operator does.
   */
  public static final String GLOBAL_KEY = "*";

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Event<DispatchResumed> resumed;

  /**
   * Pauses dispatch of {@code tenantId}'s tasks, or of everyone's when it is null.
   *
   * @return whether this call paused it (false: it was paused already)
   * @throws ProblemException {@code invalid_request} for a tenant that does not exist
   */
  public boolean pause(String tenantId, String actor) {
    requireTenant(tenantId);
    String scope = tenantId == null ? GLOBAL_KEY : tenantId;
    int inserted =
        em.createNativeQuery(
                "insert into dispatch_pauses (scope, tenant_id, paused_by, paused_at)"
                    + " values (?1, ?2, ?3, ?4) on conflict (scope) do nothing")
            .setParameter(1, scope)
            .setParameter(2, tenantId)
            .setParameter(3, actor)
            .setParameter(4, Instant.now().truncatedTo(ChronoUnit.MICROS))
            .executeUpdate();
    if (inserted == 1) {
      audit.record(scope, actor, "dispatch.paused", target(tenantId), scope, null);
    }
    return inserted == 1;
  }

  /**
   * Resumes dispatch of {@code tenantId}'s tasks, or the global pause when it is null (a tenant's
   * own pause stays). The relay is kicked after commit, so what waited drains at once.
   *
   * @return whether this call resumed it (false: it was not paused)
   */
  public boolean resume(String tenantId, String actor) {
    String scope = tenantId == null ? GLOBAL_KEY : tenantId;
    int deleted =
        em.createNativeQuery("delete from dispatch_pauses where scope = ?1")
            .setParameter(1, scope)
            .executeUpdate();
    if (deleted == 1) {
      audit.record(scope, actor, "dispatch.resumed", target(tenantId), scope, null);
      resumed.fire(new DispatchResumed(tenantId));
    }
    return deleted == 1;
  }

  /**
   * The pauses in force: the global one (if any) and every tenant's, or only {@code tenantId}'s.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<DispatchPause> inForce(String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select tenant_id, paused_by, paused_at from dispatch_pauses"
                    + " where scope = '*' or cast(?1 as varchar) is null or tenant_id = ?1"
                    + " order by scope = '*' desc, tenant_id")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new DispatchPause(
                    r[0] == null ? DispatchPause.GLOBAL : DispatchPause.TENANT,
                    (String) r[0],
                    (String) r[1],
                    NativeValues.instant(r[2])))
        .toList();
  }

  private void requireTenant(String tenantId) {
    if (tenantId == null) {
      return;
    }
    Number found =
        (Number)
            em.createNativeQuery("select count(*) from tenants where id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult();
    if (found.longValue() == 0) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "no tenant '" + tenantId + "'");
    }
  }

  private static String target(String tenantId) {
    return tenantId == null ? "dispatch" : "tenant_dispatch";
  }
}
