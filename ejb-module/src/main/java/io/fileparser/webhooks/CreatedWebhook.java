package io.fileparser.webhooks;

/** The answer to creating an endpoint: the only time its signing secret is shown. */
public record CreatedWebhook(WebhookView webhook, String secret) {}
