package io.fileparser.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * A job moved or made progress (fired by the service that persisted it; observe it {@code
 * AFTER_SUCCESS} to push it outward). {@code seq} orders a job's reports.
 */
public record ProgressReported(
    UUID jobId,
    String tenantId,
    int seq,
    String state,
    String step,
    Integer percent,
    String message,
    Instant at) {}
