package io.fileparser.monitoring.boundary;

import io.fileparser.monitoring.TemplateAnalytics;
import io.fileparser.monitoring.TemplateAnalyticsReport;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /templates/{templateId}/analytics}: how a template served the tenant, per version. */
@Path("templates/{templateId}/analytics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Templates")
public class TemplateAnalyticsResource {

  @Inject TemplateAnalytics analytics;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "getTemplateAnalytics",
      summary =
          "How a template served the tenant's jobs created in a window, per version: jobs, outcomes,"
              + " success rate, mean confidence, rows rejected with the reasons, mappings corrected"
              + " by hand, and optimisation hints")
  public TemplateAnalyticsReport get(
      @PathParam("templateId") UUID templateId,
      @Parameter(description = "Jobs created at or after (ISO-8601; default a day before 'to')")
          @QueryParam("from")
          String from,
      @Parameter(description = "Jobs created before (ISO-8601; default now); at most 93 days")
          @QueryParam("to")
          String to) {
    return analytics.report(callers.current(), templateId, from, to);
  }
}
