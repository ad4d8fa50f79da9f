package io.fileparser.security.boundary;

import io.fileparser.security.TenantProfile;
import io.fileparser.security.TenantProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's tenant profile as this request read it. The tenant gate and the rate limit both need
 * it; {@link TenantProfiles} costs a Redis round trip per reading (the version check that keeps
 * every instance current), so a request reads it once and its filters share the reading. The next
 * request reads it anew: a change still applies from the very next request on.
 */
@ApplicationScoped
public class RequestTenantProfile {

  private static final String READ_ATTRIBUTE = RequestTenantProfile.class.getName() + ".profile";

  @Inject TenantProfiles profiles;
  @Inject HttpServletRequest request;

  /** The profile as read, kept on the request. */
  private record Reading(String tenantId, TenantProfile profile) {}

  /** The tenant's profile, read at the first call of this request. */
  public TenantProfile of(String tenantId) {
    if (request.getAttribute(READ_ATTRIBUTE) instanceof Reading reading
        && reading.tenantId().equals(tenantId)) {
      return reading.profile();
    }
    TenantProfile profile = profiles.of(tenantId);
    request.setAttribute(READ_ATTRIBUTE, new Reading(tenantId, profile));
    return profile;
  }
}
