package io.fileparser.jobs.entity;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of a job, as its aggregate recorded it: a move between states, a step of the pipeline
 * done, or a worker's progress. {@code seq} numbers a job's changes 1, 2, 3, ... without gaps,
 * assigned in the transaction that made the change, so a reader can order and resume them.
 *
 * <p>Fired, inside that transaction, by the service that changed the job; observed in the
 * transaction by the history writer and dispatch, and {@code AFTER_SUCCESS} by whoever pushes
 * changes outward.
 *
 * @param from the state before, null for the first change of a new job
 * @param to the state after (equal to {@code from} when only a step or progress changed)
 * @param step a {@link Step}'s wire name, or the step a worker reported
 * @param percent the job's progress after the change, where it has one
 * @param detail what a person reading the history should know
 * @param taskId the Celery task of the attempt the change concerns, if any
 */
public record JobChanged(
    UUID jobId,
    String tenantId,
    int seq,
    JobState from,
    JobState to,
    String step,
    Integer percent,
    Instant at,
    String detail,
    String taskId) {

  /** The job (re)entered the queue and needs a dispatch: first queueing, release, retry. */
  public boolean isQueueing() {
    return to == JobState.QUEUED && Step.QUEUED.wireName().equals(step);
  }
}
