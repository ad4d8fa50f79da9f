package io.fileparser.dispatch;

import java.util.UUID;

/** A task must be stopped by the workers (fired in the transaction that decided it). */
public record TaskRevoked(UUID taskId, boolean terminate) {}
