package io.fileparser.jobs.boundary;

import io.fileparser.jobs.JobPage;
import io.fileparser.jobs.JobQuery;
import io.fileparser.jobs.JobService;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /jobs}: the tenant's jobs, filtered by state, format, creation time and file name,
 * sorted by creation time, in pages linked by an opaque cursor.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Jobs")
public class JobsResource {

  @Inject JobService jobs;
  @Inject CallerResolver callers;

  @GET
  @Operation(operationId = "listJobs", summary = "List jobs with filters and cursor pagination")
  public JobPage list(
      @Parameter(description = "States, repeatable or comma-separated, e.g. QUEUED,FAILED")
          @QueryParam("state")
          List<String> states,
      @Parameter(description = "Formats: PDF, CSV, CDR") @QueryParam("format") List<String> formats,
      @Parameter(description = "Created at or after (ISO-8601)") @QueryParam("createdFrom")
          String createdFrom,
      @Parameter(description = "Created before (ISO-8601)") @QueryParam("createdTo")
          String createdTo,
      @Parameter(description = "Case-insensitive part of the file name") @QueryParam("filename")
          String filename,
      @Parameter(description = "created (oldest first) or -created (newest first, default)")
          @QueryParam("sort")
          @DefaultValue("-created")
          String sort,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor) {
    return jobs.list(
        callers.current(),
        JobQuery.parse(states, formats, createdFrom, createdTo, filename, sort, limit, cursor));
  }
}
