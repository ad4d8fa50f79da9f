package io.fileparser.monitoring;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tenant rules' conditions as PostgreSQL shows them now: one query per rule over every tenant.
 * A bean of its own, so the queries run with the container's persistence context (a singleton's own
 * entity manager is closed on its scheduler's thread).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AlertConditions {

  @PersistenceContext EntityManager em;

  @SuppressWarnings("unchecked")
  public List<AlertCondition> oldQueues(long oldestQueuedSeconds) {
    List<AlertCondition> holding = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "select j.tenant_id, extract(epoch from now() - min(j.queued_at)), count(*)"
                        + " from jobs j where j.state = 'QUEUED' and j.queued_at is not null"
                        + " and not exists (select 1 from dispatch_pauses p"
                        + " where p.tenant_id = j.tenant_id or p.scope = '*')"
                        + " group by j.tenant_id"
                        + " having min(j.queued_at) < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) oldestQueuedSeconds)
                .getResultList()) {
      double age = ((Number) r[1]).doubleValue();
      holding.add(
          new AlertCondition(
              (String) r[0],
              null,
              Math.floor(age),
              (double) oldestQueuedSeconds,
              String.format(
                  Locale.ROOT,
                  "the oldest of %d queued jobs has waited %.0f s (threshold %d s)",
                  ((Number) r[2]).longValue(),
                  age,
                  oldestQueuedSeconds)));
    }
    return holding;
  }

  @SuppressWarnings("unchecked")
  public List<AlertCondition> failingTenants(
      double failureRate, int failureWindowMinutes, int failureMinJobs) {
    List<AlertCondition> holding = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "select tenant_id, count(*) filter (where state in ('FAILED', 'DEAD_LETTERED')),"
                        + " count(*) from jobs where finished_at >= now() - make_interval(mins => ?1)"
                        + " and state in ('COMPLETED', 'FAILED', 'DEAD_LETTERED')"
                        + " group by tenant_id having count(*) >= ?2")
                .setParameter(1, failureWindowMinutes)
                .setParameter(2, failureMinJobs)
                .getResultList()) {
      long failed = ((Number) r[1]).longValue();
      long finished = ((Number) r[2]).longValue();
      double rate = (double) failed / finished;
      if (rate > failureRate) {
        holding.add(
            new AlertCondition(
                (String) r[0],
                null,
                Math.round(rate * 1000) / 1000.0,
                failureRate,
                String.format(
                    Locale.ROOT,
                    "%d of %d jobs finished in the last %d min failed (threshold %.0f %%)",
                    failed,
                    finished,
                    failureWindowMinutes,
                    failureRate * 100)));
      }
    }
    return holding;
  }

  @SuppressWarnings("unchecked")
  public List<AlertCondition> disabledEndpoints() {
    List<AlertCondition> holding = new ArrayList<>();
    for (Object[] r :
        (List<Object[]>)
            em.createNativeQuery(
                    "select tenant_id, cast(id as varchar), url, disabled_reason"
                        + " from webhook_endpoints where not enabled"
                        // an admin's own choice ("disabled by user:...") is not an alert
                        + " and (disabled_reason is null or disabled_reason not like 'disabled by %')")
                .getResultList()) {
      holding.add(
          new AlertCondition(
              (String) r[0],
              (String) r[1],
              null,
              null,
              "webhook endpoint "
                  + r[2]
                  + " is disabled"
                  + (r[3] == null ? "" : ": " + r[3])
                  + "; enable it again once it answers"));
    }
    return holding;
  }
}
