package io.fileparser.dispatch;

import io.fileparser.broker.RedisConnection;
import io.fileparser.dispatch.entity.OutboxMessage;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.entity.Job;
import io.fileparser.telemetry.Telemetry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxBatch {

  @PersistenceContext EntityManager em;
  @Inject RedisConnection redis;
  @Inject JobEvents events;
  @Inject Telemetry telemetry;

  /** Relays up to {@code limit} due messages; returns how many were pushed. */
  public int relayDue(int limit) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select m.id from dispatch_outbox m join jobs j on j.id = m.job_id"
                    + " where m.sent_at is null and m.available_at <= ?1"
                    + " and not exists (select 1 from dispatch_pauses p"
                    + " where p.scope = '*' or p.tenant_id = j.tenant_id)"
                    + " and not exists (select 1 from tenants t"
                    + " where t.id = j.tenant_id and not t.enabled)"
                    + " order by m.priority, m.available_at limit ?2 for update of m, j skip locked",
                UUID.class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    // In the order they were claimed: a worker takes the oldest push of a priority list first, so
    // within one priority the message that became due first must be pushed first.
    List<OutboxMessage> messages =
        em.createQuery(
                "select m from OutboxMessage m where m.id in :ids"
                    + " order by m.priority, m.availableAt",
                OutboxMessage.class)
            .setParameter("ids", ids)
            .getResultList();
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
