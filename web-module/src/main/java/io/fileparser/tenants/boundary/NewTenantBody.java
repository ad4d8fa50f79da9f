package io.fileparser.tenants.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant to register, for the OpenAPI document: its id and any of the settings {@link
 * TenantSettingsBody} describes (the defaults for those not given).
 */
@Schema(name = "NewTenant", requiredProperties = "id")
public class NewTenantBody {

  @Schema(
      description =
          "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit; the"
              + " tenant_id claim of its callers' tokens",
      pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
  public String id;

  @Schema(enumeration = {"free", "standard", "premium", "enterprise"})
  public String tier;

  @Schema(description = "false refuses every request of the tenant's callers (403 tenant_disabled)")
  public Boolean enabled;

  @Schema(enumeration = {"reject", "quarantine"})
  public String scanPolicy;

  public Boolean allowPdfActiveContent;

  public TenantSettingsBody.Limits limits;
}
