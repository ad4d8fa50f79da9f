package io.fileparser.security;

import io.fileparser.security.entity.ScanPolicy;
import io.fileparser.security.entity.Tenant;

/**
 * What the platform operator decided for a tenant, as every request reads it: its tier (which sizes
 * its rate limits), whether it may call at all, what happens to infected uploads and to PDFs with
 * active content, and its own cap on concurrent uploads ({@code null}: the tier's).
 */
public record TenantProfile(
    String tier,
    boolean enabled,
    ScanPolicy scanPolicy,
    boolean allowPdfActiveContent,
    Integer maxConcurrentUploads) {

  /** The tier of a tenant nobody chose one for. */
  public static final String DEFAULT_TIER = "standard";

  /** A tenant not registered yet has the defaults a new row gets. */
  public static final TenantProfile UNREGISTERED =
      new TenantProfile(DEFAULT_TIER, true, ScanPolicy.REJECT, false, null);

  static TenantProfile of(Tenant tenant) {
    return new TenantProfile(
        tenant.getTier() == null ? DEFAULT_TIER : tenant.getTier(),
        tenant.isEnabled(),
        tenant.getScanPolicy(),
        tenant.isAllowPdfActiveContent(),
        tenant.getMaxConcurrentUploads());
  }
}
