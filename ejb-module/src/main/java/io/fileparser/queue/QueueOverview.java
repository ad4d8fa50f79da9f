package io.fileparser.queue;

import io.fileparser.broker.RedisConnection;
import io.fileparser.dispatch.DispatchPause;
import io.fileparser.dispatch.DispatchPauses;
import io.fileparser.dispatch.DispatchSettings;
import io.fileparser.dispatch.JobsInFlightLimits;
import io.fileparser.dispatch.KombuQueues;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Counts the queue from PostgreSQL, which knows which tenant each message belongs to (the broker's
 * lists do not): what waits in the outbox, what was pushed and not started, what runs, what was
 * dead-lettered, and per tenant its jobs in flight against its limit and the due jobs that limit
 * holds back (fair share, see {@code OutboxBatch}). The operator's view adds the lengths of the
 * broker's lists, which also show messages pushed twice or left behind by a cancelled job; a Redis
 * outage leaves them out rather than failing the view.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class QueueOverview {

  private static final Logger LOG = Logger.getLogger(QueueOverview.class.getName());
  private static final int BANDS = 10;

  @PersistenceContext EntityManager em;
  @Inject DispatchPauses pauses;
  @Inject DispatchSettings settings;
  @Inject RedisConnection redis;
  @Inject JobsInFlightLimits limits;

  /**
   * @param requestedTenant the operator's filter (null: every tenant); a tenant's admin always
   *     reads their own tenant
   */
  public QueueStatus status(QueueScope scope, String requestedTenant) {
    String tenant = scope.tenantToRead(requestedTenant);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    long[] waiting = new long[BANDS];
    long[] delayed = new long[BANDS];
    long[] dispatched = new long[BANDS];
    Instant[] oldestOfBand = new Instant[BANDS];
    Instant oldest = null;
    for (Object[] r :
        rows(
            "select m.priority, count(*) filter (where m.available_at <= ?1),"
                + " count(*) filter (where m.available_at > ?1),"
                + " min(m.available_at) filter (where m.available_at <= ?1)"
                + " from dispatch_outbox m"
                + " where m.sent_at is null and (cast(?2 as varchar) is null or m.tenant_id = ?2)"
                + " group by m.priority",
            now,
            tenant)) {
      int band = ((Number) r[0]).intValue();
      waiting[band] = ((Number) r[1]).longValue();
      delayed[band] = ((Number) r[2]).longValue();
      Instant since = r[3] == null ? null : NativeValues.instant(r[3]);
      oldestOfBand[band] = since;
      if (since != null && (oldest == null || since.isBefore(oldest))) {
        oldest = since;
      }
    }
    for (Object[] r :
        rows(
            "select j.kombu_priority, count(*) from jobs j where j.state = 'QUEUED'"
                + " and j.dispatched_at is not null and j.kombu_priority is not null"
                + " and (cast(?1 as varchar) is null or j.tenant_id = ?1)"
                + " group by j.kombu_priority",
            tenant)) {
      dispatched[((Number) r[0]).intValue()] = ((Number) r[1]).longValue();
    }
    List<QueueStatus.Band> bands = new ArrayList<>(BANDS);
    for (int p = 0; p < BANDS; p++) {
      bands.add(new QueueStatus.Band(p, waiting[p], delayed[p], dispatched[p], oldestOfBand[p]));
    }
    // Per tenant with jobs in flight or due in the outbox: a due message (not in a retry's
    // backoff, not paused) beyond the tenant's free places is held back by its limit.
    List<QueueStatus.TenantInFlight> inFlight =
        rows(
                "select t.id, max(tn.tier), max(tn.max_jobs_in_flight),"
                    + " (select count(*) from jobs j where j.tenant_id = t.id"
                    + " and j.state = 'QUEUED' and j.dispatched_at is not null),"
                    + " (select count(*) from jobs j where j.tenant_id = t.id"
                    + " and j.state = 'RUNNING'),"
                    + " (select count(*) from dispatch_outbox m"
                    + " where m.tenant_id = t.id and m.sent_at is null and m.available_at <= ?2)"
                    + " from (select distinct j.tenant_id as id from jobs j"
                    + " where j.state in ('QUEUED', 'RUNNING')"
                    + " and (cast(?1 as varchar) is null or j.tenant_id = ?1)) t"
                    + " left join tenants tn on tn.id = t.id"
                    + " group by t.id order by t.id",
                tenant,
                now)
            .stream()
            .map(
                r -> {
                  int limit =
                      limits.inForce(
                          (String) r[1], r[2] == null ? null : ((Number) r[2]).intValue());
                  long dispatchedJobs = ((Number) r[3]).longValue();
                  long processing = ((Number) r[4]).longValue();
                  long due = ((Number) r[5]).longValue();
                  long free = Math.max(0, limit - dispatchedJobs - processing);
                  return new QueueStatus.TenantInFlight(
                      (String) r[0], dispatchedJobs, processing, limit, Math.max(0, due - free));
                })
            .filter(t -> t.inFlight() + t.held() > 0)
            .toList();
    Number deadLettered =
        (Number)
            em.createNativeQuery(
                    "select count(*) from jobs where state = 'DEAD_LETTERED'"
                        + " and (cast(?1 as varchar) is null or tenant_id = ?1)")
                .setParameter(1, tenant)
                .getSingleResult();
    List<DispatchPause> inForce = pauses.inForce(tenant);
    boolean global = inForce.stream().anyMatch(p -> p.tenantId() == null);
    Boolean forTenant =
        tenant == null ? null : inForce.stream().anyMatch(p -> tenant.equals(p.tenantId()));
    return new QueueStatus(
        tenant,
        now,
        global,
        forTenant,
        inForce,
        bands,
        oldest,
        oldest == null ? null : Duration.between(oldest, now).toSeconds(),
        inFlight,
        deadLettered.longValue(),
        scope.isPlatform() ? broker() : null);
  }

  private List<QueueStatus.BrokerList> broker() {
    try {
      List<QueueStatus.BrokerList> lists = new ArrayList<>(BANDS);
      for (int p = 0; p < BANDS; p++) {
        String key = KombuQueues.listKey(settings.queue(), p);
        lists.add(new QueueStatus.BrokerList(key, p, redis.pool().llen(key)));
      }
      return lists;
    } catch (JedisException e) {
      LOG.log(Level.FINE, "queue lengths left out: Redis did not answer", e);
      return null;
    }
  }

  private List<Object[]> rows(String sql, Object... parameters) {
    return NativeValues.rows(em, sql, parameters);
  }
}
