package io.fileparser.upload;

import io.fileparser.security.TenantProfile;
import io.fileparser.security.TenantProfiles;
import io.fileparser.security.entity.ScanPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The upload policies of a tenant, from its {@link TenantProfile} (the defaults for a tenant not
 * registered yet), so the operator's change applies to the very next upload.
 */
@ApplicationScoped
public class TenantPolicies {

  /** What a tenant allows: what happens to infected files, and PDF active content. */
  public record Policy(ScanPolicy scanPolicy, boolean allowPdfActiveContent) {}

  @Inject TenantProfiles profiles;

  public Policy of(String tenantId) {
    TenantProfile profile = profiles.of(tenantId);
    return new Policy(profile.scanPolicy(), profile.allowPdfActiveContent());
  }
}
