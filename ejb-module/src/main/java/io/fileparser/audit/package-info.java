/**
 * The append-only, hash-chained audit trail of sensitive operations: records plain values (tenant,
 * actor, action, target), links each record to the one before it ({@link
 * io.fileparser.audit.AuditChain}), lists them by scope and proves the chain unbroken. Never edits
 * or deletes a record, and uses only the leaves below it (problems, tenant ids), so every other
 * capability may audit.
 *
 * <p>What keeps a record from being changed: the application writes it as its own database role
 * ({@code jdbc/parser}), which may only read {@code audit_log} and insert into it, and may read and
 * move {@code audit_chain_head} but not delete or empty it (V20); that role is neither the tables'
 * owner nor a member of the owner's role, so it cannot disable the triggers, alter or drop the
 * table. The schema's owner runs the migrations only ({@code jdbc/parser-schema}, see {@link
 * io.fileparser.schema.SchemaMigrator}). The table's triggers refuse UPDATE, DELETE and TRUNCATE to
 * every role besides, and those privileges are revoked from PUBLIC. The owner or a superuser can
 * still disable the triggers; the chain is what shows it afterwards (a changed record no longer
 * hashes to its hash, a removed one breaks the next link, a removed tail no longer meets the head).
 * So nothing here may ever need more than SELECT and INSERT on the log: no UPDATE, DELETE, DDL or
 * trigger switching.
 */
package io.fileparser.audit;
