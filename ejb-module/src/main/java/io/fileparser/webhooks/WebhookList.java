package io.fileparser.webhooks;

import java.util.List;

/** The tenant's webhook endpoints, as listed. */
public record WebhookList(List<WebhookView> items) {}
