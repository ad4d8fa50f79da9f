package io.fileparser.webhooks;

import java.time.Instant;

/**
 * The answer to a rotation: the new secret, shown this once, and when the previous one stops
 * signing (until then every message carries a signature with each).
 */
public record RotatedSecret(WebhookView webhook, String secret, Instant previousSecretUntil) {}
