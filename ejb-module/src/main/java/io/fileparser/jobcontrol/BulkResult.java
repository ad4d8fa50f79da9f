package io.fileparser.jobcontrol;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A bulk operation's answer: answered at once ({@code operationId} null, every item present) or run
 * in batches ({@code operationId} set, {@code state} RUNNING until every item has its outcome;
 * items a page at a time, {@code next} the {@code afterPosition} of the following page). Items not
 * handled yet have the outcome {@code pending}.
 */
@Schema(name = "BulkOperation")
public record BulkResult(
    UUID operationId,
    String action,
    boolean dryRun,
    String state,
    int total,
    int done,
    int skipped,
    int failed,
    Instant createdAt,
    Instant finishedAt,
    List<ItemResult> items,
    Integer next) {}
