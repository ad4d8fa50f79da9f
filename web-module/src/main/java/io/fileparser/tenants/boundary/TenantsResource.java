package io.fileparser.tenants.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.tenants.TenantAdministration;
import io.fileparser.tenants.TenantPage;
import io.fileparser.tenants.TenantView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/tenants}: every tenant's tier, limits, policies and whether it may call, read and
 * changed by the platform operator only (a tenant's admin or owner is refused, 403). A change
 * applies on every instance from the next request.
 */
@Path("admin/tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.OPERATOR)
@Tag(name = "Admin")
public class TenantsResource {

  static final String MERGE_PATCH = "application/merge-patch+json";

  @Inject TenantAdministration tenants;
  @Inject CallerResolver callers;

  @GET
  @Operation(operationId = "listTenants", summary = "Every tenant, in id order, a page at a time")
  public TenantPage list(
      @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") String limit,
      @Parameter(description = "The previous page's next") @QueryParam("cursor") String cursor) {
    return tenants.list(limit, cursor);
  }

  @GET
  @Path("{tenantId}")
  @Operation(operationId = "getTenant", summary = "One tenant's tier, limits and policies")
  public TenantView get(@PathParam("tenantId") String tenantId) {
    return tenants.get(tenantId);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createTenant",
      summary = "Register a tenant with its settings (the defaults for those not given)")
  public Response create(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(ref = "NewTenant")))
          Map<String, Object> body,
      @Context UriInfo uri) {
    TenantView created =
        tenants.create(callers.subject(), required(body, "{\"id\": \"acme\", \"tier\": \"free\"}"));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @PATCH
  @Path("{tenantId}")
  @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
  @Operation(
      operationId = "updateTenant",
      summary =
          "Change a tenant's tier, limits, scan or active-content policy or enabled flag (a JSON"
              + " merge patch: absent members stay); applies from the next request")
  public TenantView change(
      @PathParam("tenantId") String tenantId,
      @RequestBody(
              required = true,
              content = {
                @Content(mediaType = MERGE_PATCH, schema = @Schema(ref = "TenantSettings")),
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "TenantSettings"))
              })
          Map<String, Object> body) {
    return tenants.change(callers.subject(), tenantId, required(body, "{\"tier\": \"premium\"}"));
  }

  private static Map<String, Object> required(Map<String, Object> body, String example) {
    if (body == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "send a JSON object such as " + example);
    }
    return body;
  }
}
