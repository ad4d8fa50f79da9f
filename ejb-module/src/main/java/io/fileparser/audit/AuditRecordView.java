package io.fileparser.audit;

import io.fileparser.audit.entity.AuditRecord;
import java.time.Instant;

/** One audit record as the API shows it, with its chain links in lower-case hex. */
public record AuditRecordView(
    long id,
    String tenantId,
    String actor,
    String action,
    String targetType,
    String targetId,
    String details,
    Instant occurredAt,
    String prevHash,
    String hash) {

  static AuditRecordView from(AuditRecord record) {
    return new AuditRecordView(
        record.getId(),
        record.getTenantId(),
        record.getActor(),
        record.getAction(),
        record.getTargetType(),
        record.getTargetId(),
        record.getDetails(),
        record.getOccurredAt(),
        AuditChain.hex(record.getPrevHash()),
        AuditChain.hex(record.getHash()));
  }
}
