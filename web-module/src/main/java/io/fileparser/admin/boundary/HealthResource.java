package io.fileparser.admin.boundary;

import io.fileparser.health.HealthReport;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/health}: every dependency with what the platform operator needs to know (schema
 * version, scanner address, error texts), which the anonymous readiness check never shows.
 */
@Path("admin/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.OPERATOR)
@Tag(name = "Admin")
public class HealthResource {

  @Inject HealthReport report;

  @GET
  @Operation(
      operationId = "getPlatformHealth",
      summary = "Each dependency's state in detail (platform operator only)")
  public HealthReport.Report health() {
    return report.all();
  }
}
