package io.fileparser.monitoring;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One alert: a rule that fired for a tenant (or for the platform: {@code tenantId} null) and
 * subject, with the figure and threshold it fired at, and when it cleared (null while firing).
 */
@Schema(name = "Alert")
public record AlertView(
    UUID id,
    String tenantId,
    String rule,
    String subject,
    String state,
    Double value,
    Double threshold,
    String message,
    Instant firedAt,
    Instant clearedAt) {}
