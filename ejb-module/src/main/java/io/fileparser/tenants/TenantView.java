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
          Integer concurrentUploads) {}

  /** The limits that apply to the tenant now. */
  @Schema(name = "TenantLimitsInForce")
  public record LimitsInForce(int concurrentUploads) {}

  static TenantView of(Tenant tenant, int tierConcurrentUploads) {
    Integer own = tenant.getMaxConcurrentUploads();
    return new TenantView(
        tenant.getId(),
        tenant.getTier(),
        tenant.isEnabled(),
        tenant.getScanPolicy().storedName(),
        tenant.isAllowPdfActiveContent(),
        new Limits(own),
        new LimitsInForce(own != null ? own : tierConcurrentUploads),
        tenant.getCreatedAt(),
        tenant.getUpdatedAt());
  }
}
