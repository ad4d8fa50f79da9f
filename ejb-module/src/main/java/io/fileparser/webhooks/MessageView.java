package io.fileparser.webhooks;

import io.fileparser.webhooks.entity.WebhookAttempt;
import io.fileparser.webhooks.entity.WebhookMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message of an endpoint's delivery log. {@code webhookId} is the {@code webhook-id} header sent
 * with it (the same on every attempt); {@code seq} orders an endpoint's messages by when they were
 * written.
 */
public record MessageView(
    UUID id,
    String webhookId,
    long seq,
    String eventType,
    String status,
    int attempts,
    Integer lastStatusCode,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    Instant createdAt) {

  public static MessageView from(WebhookMessage m) {
    return new MessageView(
        m.getId(),
        m.getWebhookId(),
        m.getSeq(),
        m.getEventType(),
        m.getStatus().name(),
        m.getAttempts(),
        m.getLastStatusCode(),
        m.getLastAttemptAt(),
        m.getNextAttemptAt(),
        m.getDeliveredAt(),
        m.getCreatedAt());
  }

  /** One attempt: the answer's status (null when none came), how long it took, what it said. */
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

  /** A message with the exact body sent and every attempt, oldest first. */
  public record Detail(MessageView message, String payload, List<AttemptView> attempts) {}

  /** A page of messages; {@code next} is the {@code afterSeq} of the following page, or null. */
  public record Page(List<MessageView> items, Long next) {}
}
