/** The append-only audit log. Records are inserted, never updated or deleted. */
package io.fileparser.audit.entity;
