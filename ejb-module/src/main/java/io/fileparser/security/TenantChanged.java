package io.fileparser.security;

/**
 * A tenant's row was created or changed by the platform operator: every instance must read its
 * {@link TenantProfile} afresh from the next request on ({@link TenantProfiles}).
 */
public record TenantChanged(String tenantId) {}
