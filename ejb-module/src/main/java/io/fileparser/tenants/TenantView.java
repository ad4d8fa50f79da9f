package io.fileparser.tenants;

import io.fileparser.security.entity.Tenant;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant as the operator sees it: {@code limits} holds the tenant's own overrides (null: the
 * tier's), {@code limitsInForce} what applies now.
 */
@Schema(name = "Tenant")
public record TenantView(
    String id,
    @Schema(enumeration = {"free", "standard", "premium", "enterprise"}) String tier,
    boolean enabled,
    @Schema(enumeration = {"reject", "quarantine"}) String scanPolicy,
    boolean allowPdfActiveContent,
    Limits limits,
    LimitsInForce limitsInForce,
    Instant createdAt,
    @Schema(description = "When the operator last changed it; null: never") Instant updatedAt) {

  /** The tenant's own limits; a null one is the tier's. */
  @Schema(name = "TenantLimits")
  public record Limits(
      @Schema(description = "Uploads streaming at once (1-10000); null: the tier's cap")
          Integer concurrentUploads,
      @Schema(
              description =
                  "Jobs in flight at once (dispatched to the workers and not finished, 1-10000);"
                      + " null: the tier's limit")
          Integer jobsInFlight) {}

  /** The limits that apply to the tenant now. */
  @Schema(name = "TenantLimitsInForce")
  public record LimitsInForce(int concurrentUploads, int jobsInFlight) {}

  static TenantView of(Tenant tenant, int tierConcurrentUploads, int tierJobsInFlight) {
    Integer own = tenant.getMaxConcurrentUploads();
    Integer ownJobs = tenant.getMaxJobsInFlight();
    return new TenantView(
        tenant.getId(),
        tenant.getTier(),
        tenant.isEnabled(),
        tenant.getScanPolicy().storedName(),
        tenant.isAllowPdfActiveContent(),
        new Limits(own, ownJobs),
        new LimitsInForce(
            own != null ? own : tierConcurrentUploads,
            ownJobs != null ? ownJobs : tierJobsInFlight),
        tenant.getCreatedAt(),
        tenant.getUpdatedAt());
  }
}
