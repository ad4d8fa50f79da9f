package io.fileparser.monitoring.boundary;

import io.fileparser.monitoring.DashboardSummary;
import io.fileparser.monitoring.MetricsSummary;
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

/**
 * {@code GET /admin/metrics}: a JSON summary for dashboards. The same figures for scrapers are at
 * {@code /metrics} (Prometheus text), counted by every instance for itself.
 */
@Path("admin/metrics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.OWNER, Role.OPERATOR})
@Tag(name = "Admin")
public class MetricsResource {

  @Inject MetricsSummary summary;
  @Inject AdminScopes scopes;

  @GET
  @Operation(
      operationId = "getMetricsSummary",
      summary =
          "Uploads, jobs by state, completions per hour, failure rate, processing and queue-wait"
              + " percentiles per format over a window, and the queue now (a tenant's admins see"
              + " their tenant; the operator every tenant, or one, and the workers)")
  public DashboardSummary get(
      @Parameter(description = "Only this tenant (the operator; others see their own)")
          @QueryParam("tenantId")
          String tenantId,
      @Parameter(description = "Hours to look back, 1-744 (default 24)") @QueryParam("windowHours")
          String windowHours) {
    return summary.summary(scopes.current(), tenantId, windowHours);
  }
}
