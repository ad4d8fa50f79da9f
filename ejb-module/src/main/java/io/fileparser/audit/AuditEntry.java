package io.fileparser.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one audit record says, without its place in the chain: who did what to which target, in
 * which tenant, when. The time is kept to microseconds, as the database stores it, so that the hash
 * computed before the insert is the hash of what is read back.
 */
public record AuditEntry(
    String tenantId,
    String actor,
    String action,
    String targetType,
    String targetId,
    String details,
    Instant occurredAt) {

  public AuditEntry {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(targetId, "targetId");
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
  }
}
