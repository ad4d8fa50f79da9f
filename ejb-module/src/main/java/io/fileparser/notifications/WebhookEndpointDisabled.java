package io.fileparser.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * Hook for the webhooks capability: a webhook endpoint was disabled (e.g. after too many failed
 * deliveries). Fired as a CDI event in the transaction that disables it; the endpoint's owner gets
 * a {@link NotificationKind#WEBHOOK_ENDPOINT_DISABLED} notification, committed with it.
 *
 * @param owner the subject that created the endpoint ({@code user:...} or {@code apikey:...}):
 *     whose feed it goes to
 * @param url the endpoint's URL, as its owner registered it
 * @param reason why it was disabled, in words for a person
 */
public record WebhookEndpointDisabled(
    String tenantId, UUID endpointId, String owner, String url, Instant at, String reason) {}
