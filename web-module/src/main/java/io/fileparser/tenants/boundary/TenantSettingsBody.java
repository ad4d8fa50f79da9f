package io.fileparser.tenants.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The settings of a tenant as a request sends them, for the OpenAPI document: the resource reads
 * the body as a JSON merge patch (an absent member stays, {@code limits.concurrentUploads: null} or
 * {@code limits.jobsInFlight: null} goes back to the tier's limit), which a class with fields
 * cannot tell apart.
 */
@Schema(name = "TenantSettings")
public class TenantSettingsBody {

  @Schema(enumeration = {"free", "standard", "premium", "enterprise"})
  public String tier;

  @Schema(description = "false refuses every request of the tenant's callers (403 tenant_disabled)")
  public Boolean enabled;

  @Schema(enumeration = {"reject", "quarantine"})
  public String scanPolicy;

  public Boolean allowPdfActiveContent;

  public Limits limits;

  /** The tenant's own limits. */
  @Schema(name = "TenantSettingsLimits")
  public static class Limits {

    @Schema(
        description = "Uploads streaming at once (1-10000); null: the tier's cap",
        nullable = true)
    public Integer concurrentUploads;

    @Schema(
        description =
            "Jobs in flight at once (dispatched to the workers and not finished, 1-10000); the"
                + " tenant's further jobs wait queued until one finishes; null: the tier's limit",
        nullable = true)
    public Integer jobsInFlight;
  }
}
