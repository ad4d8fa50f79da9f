package io.fileparser.monitoring.boundary;

import io.fileparser.monitoring.AlertList;
import io.fileparser.monitoring.Alerts;
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
 * {@code GET /admin/alerts}: what the alert rules fired and cleared. A tenant's admins and owners
 * see their tenant's (they are also told on their shared feed and on webhook endpoints that ask for
 * {@code alert.fired} and {@code alert.cleared}); the operator every tenant's and the platform's.
 */
@Path("admin/alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.OWNER, Role.OPERATOR})
@Tag(name = "Admin")
public class AlertsResource {

  @Inject Alerts alerts;
  @Inject AdminScopes scopes;

  @GET
  @Operation(
      operationId = "listAlerts",
      summary =
          "Alerts, newest first: oldest queued job too old, failure rate too high, a webhook"
              + " endpoint disabled (a tenant's); no live worker, scanner down (the platform's,"
              + " the operator's)")
  public AlertList list(
      @Parameter(description = "Only this tenant's (the operator; others see their own)")
          @QueryParam("tenantId")
          String tenantId,
      @Parameter(description = "firing or cleared (default both)") @QueryParam("state")
          String state,
      @Parameter(description = "At most this many, 1-200 (default 50)") @QueryParam("limit")
          String limit) {
    return alerts.list(scopes.current(), tenantId, state, limit);
  }
}
