package io.fileparser.webhooks;

import java.util.UUID;

/**
 * A message about a job to one endpoint: the endpoint's id and URL (where it went) and the message
 * with its delivery state. Its attempts are at {@code GET /webhooks/{webhookId}/messages/{id}}.
 */
public record JobDelivery(UUID webhookId, String url, MessageView message) {}
