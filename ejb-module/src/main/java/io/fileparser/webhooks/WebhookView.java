package io.fileparser.webhooks;

import io.fileparser.webhooks.entity.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint as the API shows it, never its secret. {@code eventTypes} empty means every job
 * event; {@code failingSince} is when its current run of failed attempts began; {@code
 * previousSecretUntil} is when the secret replaced by the last rotation stops signing.
 */
public record WebhookView(
    UUID id,
    String url,
    String description,
    List<String> eventTypes,
    boolean enabled,
    String disabledReason,
    Instant disabledAt,
    Instant failingSince,
    Instant previousSecretUntil,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public static WebhookView from(WebhookEndpoint e) {
    return new WebhookView(
        e.getId(),
        e.getUrl(),
        e.getDescription(),
        e.getEventTypes().stream().sorted().toList(),
        e.isEnabled(),
        e.getDisabledReason(),
        e.getDisabledAt(),
        e.getFailingSince(),
        e.getPreviousSecretUntil(),
        e.getCreatedBy(),
        e.getCreatedAt(),
        e.getUpdatedAt());
  }
}
