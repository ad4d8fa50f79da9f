package io.fileparser.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * Hook: a job cannot go on until someone maps its fields to a template. Fired by the worker results
 * ({@code progress.TaskOutcomes}) in the transaction that moves the job to {@code NEEDS_MAPPING},
 * and the job's submitter gets a {@link NotificationKind#JOB_NEEDS_MAPPING} notification.
 *
 * @param submittedBy the job's {@code submitted_by}: whose feed it goes to
 * @param detail what needs mapping, in words for a person
 */
public record JobNeedsMapping(
    String tenantId, UUID jobId, String submittedBy, Instant at, String detail) {}
