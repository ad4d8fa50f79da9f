package io.fileparser.jobcontrol;

import io.fileparser.jobs.JobFilter;
import java.util.List;
import java.util.UUID;

/**
 * A bulk request as the boundary read it: the action, either explicit job ids or a filter of the
 * job list ({@code GET /jobs}'s filters), the priority (reprioritize; optional for retry) and
 * whether to change nothing and only report.
 */
public record BulkRequest(
    BulkAction action, List<UUID> jobIds, JobFilter filter, Integer priority, boolean dryRun) {}
