package io.fileparser.monitoring.boundary;

import io.fileparser.monitoring.JobAnalytics;
import io.fileparser.monitoring.JobAnalyticsReport;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
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

/** {@code GET /jobs/analytics}: the caller's tenant's jobs in figures over a window. */
@Path("jobs/analytics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Jobs")
public class JobAnalyticsResource {

  @Inject JobAnalytics analytics;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "getJobAnalytics",
      summary =
          "The tenant's jobs created in a window in figures: counts by state, format, template and"
              + " error category, failure rate, queue wait and processing percentiles, throughput"
              + " per hour or day, the most frequent error patterns and data quality, optionally"
              + " per group")
  public JobAnalyticsReport get(
      @Parameter(description = "Jobs created at or after (ISO-8601; default a day before 'to')")
          @QueryParam("from")
          String from,
      @Parameter(description = "Jobs created before (ISO-8601; default now); at most 93 days")
          @QueryParam("to")
          String to,
      @Parameter(description = "state, format, template, errorCategory or priority")
          @QueryParam("groupBy")
          String groupBy,
      @Parameter(description = "The throughput's buckets: hour (default) or day")
          @QueryParam("interval")
          String interval) {
    return analytics.report(callers.current(), from, to, groupBy, interval);
  }
}
