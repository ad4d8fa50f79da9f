package io.fileparser.monitoring.boundary;

import io.fileparser.monitoring.Diagnostics;
import io.fileparser.monitoring.DiagnosticsReport;
import io.fileparser.queue.boundary.AdminScopes;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /admin/diagnostics}: where the time of finished jobs went, and the slowest jobs. */
@Path("admin/diagnostics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.OWNER, Role.OPERATOR})
@Tag(name = "Admin")
public class DiagnosticsResource {

  @Inject Diagnostics diagnostics;
  @Inject AdminScopes scopes;

  @GET
  @Operation(
      operationId = "getDiagnostics",
      summary =
          "Where the time of the jobs finished in a window went: queue wait against processing"
              + " per format and template, each step's duration, the slowest jobs and the jobs"
              + " running longest now (a tenant's admins see their tenant; the operator every"
              + " tenant, or one)")
  public DiagnosticsReport get(
      @Parameter(description = "Only this tenant (the operator; others see their own)")
          @QueryParam("tenantId")
          String tenantId,
      @Parameter(description = "Hours to look back, 1-744 (default 24)") @QueryParam("windowHours")
          String windowHours,
      @Parameter(description = "How many slowest and longest-running jobs, 1-100 (default 10)")
          @QueryParam("limit")
          String limit) {
    return diagnostics.report(scopes.current(), tenantId, windowHours, limit);
  }
}
