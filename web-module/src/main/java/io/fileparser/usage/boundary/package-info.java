/**
 * {@code /analytics/usage}: usage per tenant and period for billing, as JSON or CSV, for a tenant's
 * owner (their tenant) and the platform operator (any or every tenant). Web tier: reads the
 * request, calls one EJB of {@code io.fileparser.usage}, never touches an entity.
 */
package io.fileparser.usage.boundary;
