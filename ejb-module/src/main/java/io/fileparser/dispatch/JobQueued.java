package io.fileparser.dispatch;

import java.util.UUID;

/** A job has a task message waiting in the outbox (fired in the transaction that wrote it). */
public record JobQueued(UUID jobId, UUID taskId, String tenantId) {}
