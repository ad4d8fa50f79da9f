package io.fileparser.dispatch;

import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides what follows a failed attempt: another attempt after a backoff, the dead-letter queue
 * when attempts are used up, or a plain failure when the error is the file's own. The job records
 * the change; the caller publishes it (dispatch then writes the next attempt and revokes the old).
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

  public Decision afterFailure(Job job, Failure failure, Instant now) {
    RetryPolicy policy = settings.retryPolicy();
    if (!policy.isRetryable(failure.category())) {
      job.fail(failure, now);
      return Decision.FAILED;
    }
    if (!policy.allowsAnotherAfter(job.attempt().count())) {
      job.deadLetter(failure, now);
      return Decision.DEAD_LETTERED;
    }
    Duration delay = policy.delayAfter(job.attempt().count(), ThreadLocalRandom.current());
    job.retry(failure, now.plus(delay), now);
    return Decision.RETRY;
  }
}
