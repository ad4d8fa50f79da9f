package io.fileparser.webhooks;

import io.fileparser.webhooks.entity.WebhookMessage;
import java.time.Instant;
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
}
