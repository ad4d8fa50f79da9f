package io.fileparser.dispatch;

import io.fileparser.broker.RedisConnection;
import io.fileparser.dispatch.entity.OutboxMessage;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.entity.Job;
import io.fileparser.schema.NativeValues;
import io.fileparser.telemetry.Telemetry;
import io.fileparser.templates.TemplateDocuments;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.AbstractPipeline;

/**
 * Pushes one batch of due outbox messages to Redis and marks them sent, in one transaction.
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so relays on several instances share the
 * work without pushing a message twice. If Redis fails, the transaction rolls back and the messages
 * stay due. If the commit fails after the push, a message may be pushed again later: the task id is
 * the same, and results are applied idempotently by task id, so the job still changes once.
 *
 * <p>A message is claimed together with its job's row, and skipped while someone else holds that
 * row: a job being deleted locks its row and then (by cascade) its messages, so a relay that held a
 * message and then waited for the job would deadlock with it. Claiming both at once without waiting
 * leaves the message to the next run instead.
 *
 * <p>Messages of a tenant whose dispatch is paused ({@link DispatchPauses}), or of everyone while
 * dispatch is paused globally, are not claimed: they stay unsent, and the relay run kicked on
 * resume takes them. A batch claimed before a pause committed is still pushed; the pause holds from
 * the next batch on. A disabled tenant's messages wait the same way until it is enabled again.
 *
 * <p>Fair share: a tenant's messages are claimed only while it has fewer jobs {@link #IN_FLIGHT in
 * flight} than its limit ({@link JobsInFlightLimits}); the rest wait in the outbox (their jobs stay
 * {@code QUEUED}, not dispatched) and go when one of its jobs finishes, which kicks the relay. The
 * count and the claim of one tenant happen under a transaction-scoped advisory lock of that tenant,
 * taken without waiting, so relays on several instances never release more than the limit between
 * them; {@link FairShare} decides how a batch is shared between tenants and in which order it is
 * pushed. The count is PostgreSQL's, so it cannot drift from the jobs' states.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxBatch {

  /**
   * A job in flight (of {@code jobs j}): a worker processes it, or its current task is on the
   * broker's lists. A job whose attempt is still in the outbox (a new job, a retry, a job re-queued
   * after lost work) is not, nor is one waiting for a mapping: that frees its place.
   */
  public static final String IN_FLIGHT =
      "(j.state = 'RUNNING' or (j.state = 'QUEUED' and j.dispatched_at is not null))";

  /**
   * Messages held back by a pause (global or the tenant's) or a disabled tenant ({@code t}), of the
   * tenant {@code m.tenant_id}.
   */
  private static final String NOT_HELD =
      " and not exists (select 1 from dispatch_pauses p"
          + " where p.scope = '*' or p.tenant_id = m.tenant_id)"
          + " and coalesce(t.enabled, true)";

  /** The first key of the tenants' dispatch locks (arbitrary, fixed): "fair" in ASCII. */
  private static final int TENANT_LOCK_SPACE = 0x66616972;

  @PersistenceContext EntityManager em;
  @Inject RedisConnection redis;
  @Inject TemplateDocuments documents;
  @Inject JobsInFlightLimits limits;
  @Inject JobEvents events;
  @Inject Telemetry telemetry;

  /** Relays up to {@code limit} due messages; returns how many were pushed. */
  public int relayDue(int limit) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<FairShare.Demand> demands = FairShare.servingOrder(demands(now, limit));
    // A first share from counts read without locks: tenants at their limit are not even locked.
    Map<String, Integer> share = FairShare.allocate(demands, limit);
    List<String> served = new ArrayList<>();
    Map<String, List<UUID>> claimed = new LinkedHashMap<>();
    for (FairShare.Demand demand : demands) {
      String tenant = demand.tenantId();
      if (!share.containsKey(tenant) || !lockTenant(tenant)) {
        continue; // at its limit, or another relay is sending this tenant's work right now
      }
      // Counted again under the tenant's lock: what other relays sent before it has committed.
      long inFlight = inFlight(tenant);
      long take = Math.min(share.get(tenant), Math.max(0, demand.limit() - inFlight));
      List<UUID> ids = take == 0 ? List.of() : claim(tenant, now, (int) take);
      if (!ids.isEmpty()) {
        served.add(tenant);
        claimed.put(tenant, ids);
      }
    }
    if (claimed.isEmpty()) {
      return 0;
    }
    List<UUID> allIds = claimed.values().stream().flatMap(List::stream).toList();
    Map<UUID, OutboxMessage> byId = new HashMap<>();
    for (OutboxMessage m :
        em.createQuery("select m from OutboxMessage m where m.id in :ids", OutboxMessage.class)
            .setParameter("ids", allIds)
            .getResultList()) {
      byId.put(m.getId(), m);
    }
    Map<String, List<OutboxMessage>> byTenant = new LinkedHashMap<>();
    claimed.forEach((tenant, ids) -> byTenant.put(tenant, ids.stream().map(byId::get).toList()));
    // A worker takes the oldest push of a priority list first: within one priority, tenants take
    // turns, and a tenant's messages go in the order they became due.
    List<OutboxMessage> messages =
        FairShare.pushOrder(served, byTenant, OutboxMessage::getPriority);
    // The template lists the messages name, and their documents, are in Redis before a worker can
    // take them (ensure asks about each distinct key once).
    documents.ensure(messages.stream().flatMap(m -> m.getTemplateKeys().stream()).toList());
    try (AbstractPipeline pipeline = redis.pool().pipelined()) {
      for (OutboxMessage message : messages) {
        pipeline.lpush(message.getQueueKey(), message.getEnvelope());
      }
      pipeline.sync();
    }
    JobLocks.lockAll(em, messages.stream().map(OutboxMessage::getJobId).distinct().toList());
    for (OutboxMessage message : messages) {
      message.markSent(now);
      telemetry.dispatched(
          message.getPriority(), Duration.between(message.getAvailableAt(), Instant.now()));
      Job job = em.find(Job.class, message.getJobId());
      if (job != null && message.getTaskId().toString().equals(job.attempt().taskId())) {
        job.markDispatched(now);
        events.publish(job);
      }
    }
    return messages.size();
  }

  /**
   * The tenants with messages due and not held by a pause or a disabled tenant, with their jobs in
   * flight and limits (read without locks: a first estimate), leaving out those at their limit. Its
   * cost grows with the number of tenants that have unsent messages and with the batch, not with
   * the backlog: the tenants are found by skipping through {@code dispatch_outbox_tenant_due} (a
   * loose index scan), each one's oldest message is its first entry there, and the due messages of
   * a tenant with room are counted only as far as it could take in this batch.
   */
  private List<FairShare.Demand> demands(Instant now, int batch) {
    List<FairShare.Demand> demands = new ArrayList<>();
    for (Object[] r :
        NativeValues.rows(
            em,
            "with recursive waiting(tenant_id) as ("
                + " (select tenant_id from dispatch_outbox where sent_at is null"
                + " order by tenant_id limit 1)"
                + " union all"
                + " select (select o.tenant_id from dispatch_outbox o"
                + " where o.sent_at is null and o.tenant_id > w.tenant_id"
                + " order by o.tenant_id limit 1)"
                + " from waiting w where w.tenant_id is not null)"
                + " select m.tenant_id, t.tier, t.max_jobs_in_flight, oldest.at, flight.n"
                + " from waiting m left join tenants t on t.id = m.tenant_id"
                + " cross join lateral (select o.available_at as at from dispatch_outbox o"
                + " where o.tenant_id = m.tenant_id and o.sent_at is null"
                + " order by o.available_at limit 1) oldest"
                + " cross join lateral (select count(*) as n from jobs j"
                + " where j.tenant_id = m.tenant_id and "
                + IN_FLIGHT
                + ") flight"
                + " where m.tenant_id is not null and oldest.at <= ?1"
                + NOT_HELD,
            now)) {
      String tenant = (String) r[0];
      String tier = (String) r[1];
      Integer own = r[2] == null ? null : ((Number) r[2]).intValue();
      int limit = limits.inForce(tier, own);
      long inFlight = ((Number) r[4]).longValue();
      long room = Math.min(batch, limit - inFlight);
      if (room > 0) {
        demands.add(
            new FairShare.Demand(
                tenant, inFlight, limit, due(tenant, now, room), NativeValues.instant(r[3])));
      }
    }
    return demands;
  }

  /** How many of the tenant's messages are due, counted up to {@code atMost}. */
  private long due(String tenantId, Instant now, long atMost) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from (select 1 from dispatch_outbox o"
                        + " where o.tenant_id = ?1 and o.sent_at is null and o.available_at <= ?2"
                        // in the index's order: read as far as needed, not sorted
                        + " order by o.available_at limit ?3) c")
                .setParameter(1, tenantId)
                .setParameter(2, now)
                .setParameter(3, atMost)
                .getSingleResult())
        .longValue();
  }

  /**
   * Takes the tenant's dispatch lock for this transaction, without waiting: relays on several
   * instances count and release one tenant's jobs one after the other, so together they never
   * exceed its limit. A relay that finds the lock taken leaves the tenant to the one holding it.
   */
  private boolean lockTenant(String tenantId) {
    return Boolean.TRUE.equals(
        em.createNativeQuery("select pg_try_advisory_xact_lock(?1, hashtext(?2))")
            .setParameter(1, TENANT_LOCK_SPACE)
            .setParameter(2, tenantId)
            .getSingleResult());
  }

  private long inFlight(String tenantId) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from jobs j where j.tenant_id = ?1 and " + IN_FLIGHT)
                .setParameter(1, tenantId)
                .getSingleResult())
        .longValue();
  }

  /** Claims up to {@code count} of the tenant's due messages, most urgent and oldest first. */
  private List<UUID> claim(String tenantId, Instant now, int count) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select m.id from dispatch_outbox m join jobs j on j.id = m.job_id"
                    + " left join tenants t on t.id = m.tenant_id"
                    + " where m.sent_at is null and m.available_at <= ?1 and m.tenant_id = ?2"
                    + NOT_HELD
                    + " order by m.priority, m.available_at limit ?3"
                    + " for update of m, j skip locked",
                UUID.class)
            .setParameter(1, now)
            .setParameter(2, tenantId)
            .setParameter(3, count)
            .getResultList();
    return ids;
  }

  /**
   * Drops the unsent messages of a job (it was cancelled before they left). Messages a relay is
   * sending right now are skipped rather than waited for (waiting could deadlock with the relay,
   * which locks the job after its messages); they arrive, and the revoke and the cancelled state
   * make them harmless.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public int discardUnsent(UUID jobId) {
    return em.createNativeQuery(
            "delete from dispatch_outbox where id in (select id from dispatch_outbox"
                + " where job_id = ?1 and sent_at is null for update skip locked)")
        .setParameter(1, jobId)
        .executeUpdate();
  }
}
