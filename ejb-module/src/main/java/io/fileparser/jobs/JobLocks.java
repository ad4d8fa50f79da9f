package io.fileparser.jobs;

import io.fileparser.jobs.entity.Job;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Row locks on jobs, taken before the job is read. {@code em.find(Job.class, id,
 * PESSIMISTIC_WRITE)} is not enough: a job is fetched with outer joins (its file and steps), which
 * PostgreSQL cannot lock in the same statement, so Hibernate locks in a second statement that fails
 * with an optimistic-lock error if anyone changed the row in between (the relay marking it
 * dispatched, a worker reporting). Locking the bare row first, then reading, has no such gap.
 */
public final class JobLocks {

  private JobLocks() {}

  /**
   * Locks and reads the job, or empty if there is none. Call it before the job is read in this
   * transaction, so the read that follows the lock is the first and sees the current row.
   */
  public static Optional<Job> lock(EntityManager em, UUID id) {
    List<?> locked =
        em.createNativeQuery("select id from jobs where id = ?1 for update")
            .setParameter(1, id)
            .getResultList();
    if (locked.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(Job.class, id));
  }

  /**
   * Locks and reads the job whose current attempt is Celery task {@code taskId}: one statement
   * locks the bare row, then the read that follows sees it as locked.
   */
  public static Optional<Job> lockByTask(EntityManager em, String taskId) {
    List<?> locked =
        em.createNativeQuery("select id from jobs where celery_task_id = ?1 for update", UUID.class)
            .setParameter(1, taskId)
            .getResultList();
    return locked.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(em.find(Job.class, (UUID) locked.get(0)));
  }

  /** Locks the rows of these jobs (in id order, so two lockers never deadlock). */
  public static void lockAll(EntityManager em, Collection<UUID> ids) {
    if (!ids.isEmpty()) {
      em.createNativeQuery("select id from jobs where id in (?1) order by id for update")
          .setParameter(1, ids)
          .getResultList();
    }
  }
}
