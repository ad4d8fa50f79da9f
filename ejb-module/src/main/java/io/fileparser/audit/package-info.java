/**
 * The append-only, hash-chained audit trail of sensitive operations: records plain values (tenant,
 * actor, action, target), links each record to the one before it ({@link
 * io.fileparser.audit.AuditChain}), lists them by scope and proves the chain unbroken. Never edits
 * or deletes a record, and uses only the leaves below it (problems, tenant ids), so every other
 * capability may audit.
 *
 * <p>What keeps a record from being changed: the table's triggers refuse UPDATE, DELETE and
 * TRUNCATE to everyone, the application's own role included, and UPDATE, DELETE and TRUNCATE are
 * revoked from PUBLIC. A table owner or superuser can still disable the triggers; the chain is what
 * shows it afterwards (a changed record no longer hashes to its hash, a removed one breaks the next
 * link, a removed tail no longer meets the head).
 */
package io.fileparser.audit;
