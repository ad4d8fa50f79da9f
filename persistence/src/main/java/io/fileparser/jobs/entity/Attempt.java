package io.fileparser.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * The job's current attempt: which Celery task carries it, how many attempts there have been, its
 * queue priority, when it may leave the outbox, when it left, and the last sign of life from it.
 */
@Embeddable
public class Attempt {

  @Column(name = "celery_task_id", length = 64)
  private String taskId;

  @Column(name = "attempt_count", nullable = false)
  private int count;

  @Column(name = "kombu_priority")
  private Short kombuPriority;

  /** Not before this instant (a retry's backoff); null for "at once". */
  @Column(name = "available_at")
  private Instant availableAt;

  @Column(name = "dispatched_at")
  private Instant dispatchedAt;

  @Column(name = "last_activity_at")
  private Instant lastActivityAt;

  protected Attempt() {}

  static Attempt none() {
    return new Attempt();
  }

  void assign(String taskId, int count, int kombuPriority, Instant at) {
    this.taskId = taskId;
    this.count = count;
    this.kombuPriority = (short) kombuPriority;
    this.dispatchedAt = null;
    this.lastActivityAt = at;
  }

  void scheduleNext(Instant availableAt, Instant at) {
    this.availableAt = availableAt;
    this.dispatchedAt = null;
    this.lastActivityAt = at;
  }

  void dispatched(Instant at) {
    this.dispatchedAt = at;
    this.lastActivityAt = at;
  }

  void active(Instant at) {
    this.lastActivityAt = at;
  }

  public String taskId() {
    return taskId;
  }

  public int count() {
    return count;
  }

  public Integer kombuPriority() {
    return kombuPriority == null ? null : kombuPriority.intValue();
  }

  public Instant availableAt() {
    return availableAt;
  }

  public Instant dispatchedAt() {
    return dispatchedAt;
  }

  public Instant lastActivityAt() {
    return lastActivityAt;
  }
}
