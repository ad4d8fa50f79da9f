package io.fileparser.dispatch;

import io.fileparser.jobs.entity.Job;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides what follows a failed attempt: another attempt after a backoff, the dead-letter queue
 * when attempts are used up, or a plain failure when the error is the file's own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Retries {

  /** What happened to the job. */
  public enum Decision {
    RETRY,
    DEAD_LETTERED,
    FAILED
  }

  @Inject DispatchSettings settings;
  @Inject JobDispatcher dispatcher;
  @Inject jakarta.enterprise.event.Event<TaskRevoked> revoked;

  public Decision afterFailure(
      Job job, String category, String message, String remediation, Instant now) {
    job.recordError(category, message, remediation, now);
    RetryPolicy policy = settings.retryPolicy();
    if (!policy.isRetryable(category)) {
      job.fail(now);
      return Decision.FAILED;
    }
    if (!policy.allowsAnotherAfter(job.getAttemptCount())) {
      job.deadLetter(now);
      return Decision.DEAD_LETTERED;
    }
    if (job.getCeleryTaskId() != null) {
      // The old task may still be redelivered by kombu; tell the workers to drop it.
      revoked.fire(new TaskRevoked(UUID.fromString(job.getCeleryTaskId()), false));
    }
    job.requeue(now);
    Instant availableAt =
        now.plus(policy.delayAfter(job.getAttemptCount(), ThreadLocalRandom.current()));
    dispatcher.dispatch(job, availableAt, null, now);
    return Decision.RETRY;
  }
}
