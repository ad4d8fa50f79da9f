package io.fileparser.queue;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A dead-lettered job: whose, which file, how many attempts were made, the last failure (its
 * category and message as the worker or the lost-work sweep gave them) and when it was given up.
 */
@Schema(name = "DeadLetter")
public record DeadLetterView(
    UUID jobId,
    String tenantId,
    String filename,
    String format,
    int attempts,
    String failureCategory,
    String failureMessage,
    Instant deadLetteredAt,
    Instant createdAt) {}
