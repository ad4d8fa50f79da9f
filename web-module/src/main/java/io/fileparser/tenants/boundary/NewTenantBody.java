package io.fileparser.tenants.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant to register, for the OpenAPI document: its id and any settings (see the superclass). */
@Schema(name = "NewTenant", requiredProperties = "id")
public class NewTenantBody extends TenantSettingsBody {

  @Schema(
      description =
          "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit; the"
              + " tenant_id claim of its callers' tokens",
      pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
  public String id;
}
