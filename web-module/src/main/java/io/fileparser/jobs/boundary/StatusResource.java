package io.fileparser.jobs.boundary;

import io.fileparser.jobs.JobService;
import io.fileparser.jobs.JobView;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /status/{jobId}}: one job with its steps, file facts and timestamps. */
@Path("status")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Jobs")
public class StatusResource {

  @Inject JobService jobs;
  @Inject CallerResolver callers;

  @GET
  @Path("{jobId}")
  @Operation(operationId = "getJob", summary = "Read a job's state, step breakdown and file facts")
  public JobView status(@PathParam("jobId") UUID jobId) {
    return jobs.find(callers.current(), jobId);
  }
}
