package io.fileparser.webhooks;

/**
 * Webhook messages became due by an operator's hand (a test, a resend, a recovery); observed after
 * commit by the delivery, which then runs at once instead of at its next poll.
 */
public record MessagesQueued(int count) {}
