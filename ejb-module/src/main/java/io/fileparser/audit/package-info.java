/** The append-only audit trail of sensitive operations. Records; never edits or deletes. */
package io.fileparser.audit;
