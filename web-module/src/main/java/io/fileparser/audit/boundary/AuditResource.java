package io.fileparser.audit.boundary;

import io.fileparser.audit.AuditPage;
import io.fileparser.audit.AuditQuery;
import io.fileparser.audit.AuditScope;
import io.fileparser.audit.AuditTrail;
import io.fileparser.audit.ChainVerification;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/audit} and {@code GET /admin/audit/verify}: the hash-chained audit log of
 * sensitive operations, and the proof that it is unbroken. The operator's token names no tenant, so
 * the operator reads the platform's scope; everyone else the tenant of their credentials.
 */
@Path("admin/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class AuditResource {

  @Inject AuditTrail trail;
  @Inject CallerResolver callers;
  @Context SecurityContext security;

  @GET
  @AllowedRoles({Role.ADMIN, Role.OWNER, Role.OPERATOR})
  @Operation(
      operationId = "listAuditRecords",
      summary =
          "Audit records, newest first, with filters and cursor pagination (a tenant's admins"
              + " see their tenant's, the operator every tenant's)")
  public AuditPage list(
      @Parameter(description = "Only this tenant's records (the operator; others see their own)")
          @QueryParam("tenantId")
          String tenantId,
      @Parameter(description = "Action, e.g. api_key.created") @QueryParam("action") String action,
      @Parameter(description = "Who did it, exactly as recorded, e.g. user:alice")
          @QueryParam("actor")
          String actor,
      @Parameter(description = "Target type, e.g. job, api_key, template") @QueryParam("targetType")
          String targetType,
      @Parameter(description = "Target id, exactly as recorded") @QueryParam("targetId")
          String targetId,
      @Parameter(description = "Occurred at or after (ISO-8601)") @QueryParam("from") String from,
      @Parameter(description = "Occurred before (ISO-8601)") @QueryParam("to") String to,
      @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") String limit,
      @Parameter(description = "The previous page's next") @QueryParam("cursor") String cursor) {
    return trail.list(
        scope(),
        AuditQuery.parse(tenantId, action, actor, targetType, targetId, from, to, limit, cursor));
  }

  @GET
  @Path("verify")
  @AllowedRoles(Role.OPERATOR)
  @Operation(
      operationId = "verifyAuditChain",
      summary = "Walk the whole audit chain, recomputing every hash; names the first broken record")
  public ChainVerification verify() {
    return trail.verify();
  }

  private AuditScope scope() {
    return security.isUserInRole(Role.OPERATOR)
        ? AuditScope.platform()
        : AuditScope.tenant(callers.current().tenantId());
  }
}
