package io.fileparser.workflow;

import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.entity.Job;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Sends the scheduled jobs whose instant has come to the queue, in one transaction that holds their
 * claim ({@code FOR UPDATE SKIP LOCKED}), so schedulers on several instances share the due jobs and
 * each fires once: a job is claimed by one of them, and after its commit it is no longer {@code
 * SCHEDULED}. If the server stops mid-batch, nothing of it was committed and the next round, here
 * or elsewhere, takes the same jobs again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ScheduleBatch {

  @PersistenceContext EntityManager em;
  @Inject JobEvents events;

  /** Fires up to {@code limit} due jobs; returns how many. */
  public int fireDue(int limit) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    @SuppressWarnings("unchecked")
    List<UUID> due =
        em.createNativeQuery(
                "select id from jobs where state = 'SCHEDULED' and schedule_at <= ?1"
                    + " order by schedule_at, id limit ?2 for update skip locked",
                UUID.class)
            .setParameter(1, now)
            .setParameter(2, limit)
            .getResultList();
    for (UUID id : due) {
      Job job = em.find(Job.class, id);
      job.fireSchedule(now);
      events.publish(job);
    }
    return due.size();
  }
}
