package io.fileparser.dispatch;

import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
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
import java.util.List;
import java.util.UUID;

/** Finds jobs whose worker went silent and sends them round again (see {@link LostWorkSweeper}). */
@Stateless
public class LostWork {

  /** A dispatched attempt that has been silent too long, with what is needed to check on it. */
  public record SilentAttempt(
      UUID jobId,
      String taskId,
      String queueKey,
      String envelope,
      UUID deliveryTag,
      Instant lastActivity) {}

  @PersistenceContext EntityManager em;
  @Inject Retries retries;
  @Inject JobEvents events;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<SilentAttempt> silentSince(Instant before, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select j.id, j.celery_task_id, m.queue_key, m.envelope, m.delivery_tag,"
                    + " j.last_activity_at from jobs j"
                    + " join dispatch_outbox m on m.task_id::text = j.celery_task_id"
                    + " where j.state in ('QUEUED', 'RUNNING') and m.sent_at is not null"
                    + " and j.last_activity_at < ?1 order by j.last_activity_at limit ?2")
            .setParameter(1, before)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new SilentAttempt(
                    (UUID) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (UUID) r[4],
                    NativeValues.instant(r[5])))
        .toList();
  }

  /**
   * Gives up on the attempt if the job is still on it and still silent: another attempt, or the
   * dead-letter queue when attempts are used up.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean recover(SilentAttempt attempt, Duration window) {
    Job job = JobLocks.lock(em, attempt.jobId()).orElse(null);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (job == null
        || job.getState().isTerminal()
        || !attempt.taskId().equals(job.attempt().taskId())
        || job.attempt().lastActivityAt().isAfter(now.minus(window))) {
      return false;
    }
    retries.afterFailure(
        job,
        new Failure(
            "WorkerLost",
            "no word from the worker for " + window.toSeconds() + " s",
            "the parser process stopped; it will be retried"),
        now);
    events.publish(job);
    return true;
  }

  /**
   * Nothing known about a message that is still waiting in its queue: its job just waits. Only the
   * attempt's last sign of life moves (so the sweep looks again one window later); that is not a
   * change of the job, so it records no event and needs no row lock.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void stillWaiting(UUID jobId, Instant at) {
    em.createQuery(
            "update Job j set j.attempt.lastActivityAt = :at"
                + " where j.id = :id and j.attempt.lastActivityAt < :at")
        .setParameter("at", at)
        .setParameter("id", jobId)
        .executeUpdate();
  }
}
