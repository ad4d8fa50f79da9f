/**
 * The append-only audit log. Records are inserted, never updated or deleted. Uses no other package
 * of ours.
 */
package io.fileparser.audit.entity;
