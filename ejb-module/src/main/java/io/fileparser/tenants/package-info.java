/**
 * The platform operator's administration of tenants: their tier, their own limits, scan and
 * active-content policies, and whether they may call at all; every change audited with the values
 * before and after, and announced ({@code TenantChanged}) so every instance applies it from the
 * next request. Never decides what a tenant's callers may do (security reads the profile) and never
 * serves a tenant's own callers.
 */
package io.fileparser.tenants;
