package io.fileparser.webhooks;

import java.time.Duration;

/**
 * What one attempt came to.
 *
 * @param statusCode the receiver's status, null when no answer came
 * @param outcome {@code delivered}, {@code http_error}, {@code redirect_not_followed}, {@code
 *     timeout}, {@code connection_failed} or {@code target_refused}
 * @param retryAfter what the receiver asked for in {@code Retry-After}, or null
 */
public record DeliveryResult(
    Integer statusCode,
    String outcome,
    int latencyMs,
    String responseExcerpt,
    String error,
    Duration retryAfter) {

  public boolean isDelivered() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }

  /** 410 Gone: the receiver says the endpoint no longer exists. */
  public boolean isGone() {
    return statusCode != null && statusCode == 410;
  }
}
