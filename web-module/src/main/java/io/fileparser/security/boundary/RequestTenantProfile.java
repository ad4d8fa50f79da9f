package io.fileparser.security.boundary;

import io.fileparser.security.TenantProfile;
import io.fileparser.security.TenantProfiles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The caller's tenant profile as this request read it. The tenant gate and the rate limit both need
 * it; {@link TenantProfiles} costs a Redis round trip per reading (the version check that keeps
 * every instance current), so a request reads it once and its filters share the reading. The next
 * request reads it anew: a change still applies from the very next request on.
 */
@RequestScoped
public class RequestTenantProfile {

  @Inject TenantProfiles profiles;

  private String tenantId;
  private TenantProfile profile;

  /** The tenant's profile, read at the first call of this request. */
  public TenantProfile of(String tenantId) {
    if (profile == null || !tenantId.equals(this.tenantId)) {
      profile = profiles.of(tenantId);
      this.tenantId = tenantId;
    }
    return profile;
  }
}
