package io.fileparser.jobcontrol.boundary;

import io.fileparser.jobcontrol.BulkAction;
import io.fileparser.jobcontrol.BulkOperations;
import io.fileparser.jobcontrol.BulkRequest;
import io.fileparser.jobcontrol.BulkResult;
import io.fileparser.jobs.JobFilter;
import io.fileparser.jobs.JobHistory;
import io.fileparser.jobs.PageLimit;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /jobs/bulk}: cancel, retry, delete or reprioritize many jobs at once; {@code GET
 * /jobs/bulk/operations/{operationId}}: a large operation's progress and its items, a page at a
 * time. (Not {@code /jobs/bulk/{operationId}}: that would be ambiguous with {@code
 * /jobs/{jobId}/history} and its siblings.)
 */
@Path("jobs/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class BulkOperationsResource {

  static final int MAX_ITEMS_PAGE = 1000;

  @Inject BulkOperations bulk;
  @Inject CallerResolver callers;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "runBulkJobOperation",
      summary =
          "Cancel, retry, delete or reprioritize jobs named by id or by a filter of the job list:"
              + " a small set is answered at once with every job's outcome (200), a large one"
              + " runs in batches and is answered 202 with the operation to poll")
  public Response run(@Valid BulkRequestBody body, @Context UriInfo uri) {
    if (body == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "send a JSON body such as {\"action\": \"cancel\", \"jobIds\": [\"...\"]}");
    }
    JobFilter filter = body.filter == null ? null : JobFilter.parse(body.filter.toInput());
    BulkResult result =
        bulk.submit(
            callers.current(),
            new BulkRequest(
                BulkAction.parse(body.action),
                body.jobIds,
                filter,
                body.priority,
                Boolean.TRUE.equals(body.dryRun)));
    if (result.operationId() == null) {
      return Response.ok(result).build();
    }
    return Response.accepted(result)
        .location(
            uri.getAbsolutePathBuilder()
                .path("operations")
                .path(result.operationId().toString())
                .build())
        .build();
  }

  @GET
  @Path("operations/{operationId}")
  @AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "getBulkJobOperation",
      summary =
          "A bulk operation's state, counts and items (outcome pending until handled); page on"
              + " with afterPosition = the 'next' of the previous page")
  public BulkResult get(
      @PathParam("operationId") UUID operationId,
      @Parameter(description = "Items after this position (-1 = from the first)")
          @QueryParam("afterPosition")
          @DefaultValue("-1")
          String afterPosition,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    int after =
        "-1".equals(afterPosition == null ? null : afterPosition.strip())
            ? -1
            : JobHistory.seq(afterPosition, "afterPosition");
    return bulk.find(callers.current(), operationId, after, PageLimit.parse(limit, MAX_ITEMS_PAGE));
  }
}
