package io.fileparser.webhooks;

import io.fileparser.webhooks.entity.WebhookAttempt;
import java.time.Instant;

/**
 * One delivery attempt of a message: the answer's status (null when none came), how long it took,
 * its outcome and the first bytes of what the receiver said.
 */
public record AttemptView(
    int attempt,
    Instant attemptedAt,
    Integer statusCode,
    String outcome,
    int latencyMs,
    String responseExcerpt,
    String error) {

  public static AttemptView from(WebhookAttempt a) {
    return new AttemptView(
        a.getAttempt(),
        a.getAttemptedAt(),
        a.getStatusCode(),
        a.getOutcome(),
        a.getLatencyMillis(),
        a.getResponseExcerpt(),
        a.getError());
  }
}
