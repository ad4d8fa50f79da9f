/**
 * The append-only audit trail of sensitive operations. Records plain values (tenant, actor, action,
 * target); never edits or deletes, and depends on no other capability, so any of them may audit.
 */
package io.fileparser.audit;
