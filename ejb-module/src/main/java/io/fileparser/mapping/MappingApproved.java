package io.fileparser.mapping;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An admin approved a job's mapping; observed after commit to retrain the tenant's field model.
 *
 * @param examples the tenant's approved columns, newest first ({@code parser.retrain_model}'s
 *     {@code mappings})
 */
public record MappingApproved(String tenantId, UUID jobId, List<Map<String, Object>> examples) {}
