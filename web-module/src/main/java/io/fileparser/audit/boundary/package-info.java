/**
 * The audit trail over HTTP: {@code GET /admin/audit} lists records (a tenant's admins and owners
 * their tenant's, the platform operator every tenant's), {@code GET /admin/audit/verify} proves the
 * chain (the operator only). Web tier: decides whose scope a caller reads, calls the audit EJBs,
 * never touches an entity and writes nothing.
 */
package io.fileparser.audit.boundary;
