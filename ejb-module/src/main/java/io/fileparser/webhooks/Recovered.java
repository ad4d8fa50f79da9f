package io.fileparser.webhooks;

/** How many messages a recovery made due again. */
public record Recovered(int recovered) {}
