package io.fileparser.workflow.boundary;

import io.fileparser.jobs.JobView;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.workflow.Schedules;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code PUT /jobs/{jobId}/schedule}: moves the instant a waiting or scheduled job starts. */
@Path("jobs/{jobId}/schedule")
@RequestScoped
@Tag(name = "Jobs")
public class ScheduleResource {

  @Inject Schedules schedules;
  @Inject CallerResolver callers;

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "rescheduleJob",
      summary =
          "Give a WAITING or SCHEDULED job another start instant (a past one: now, and a scheduled"
              + " job enters the queue at once)")
  public JobView reschedule(
      @PathParam("jobId") UUID jobId, @Valid @NotNull ScheduleRequest request) {
    return schedules.reschedule(callers.current(), jobId, request.scheduleAt);
  }
}
