package io.fileparser.jobs.boundary;

import io.fileparser.jobcontrol.JobActions;
import io.fileparser.jobs.JobCommands;
import io.fileparser.jobs.JobHistory;
import io.fileparser.jobs.JobView;
import io.fileparser.jobs.PageLimit;
import io.fileparser.jobs.ResultPage;
import io.fileparser.jobs.ResultService;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** One job: cancel, retry or delete it, read its records and its history. */
@Path("jobs/{jobId}")
@RequestScoped
@Tag(name = "Jobs")
public class JobResource {

  static final String NDJSON = "application/x-ndjson";
  static final String CSV = "text/csv";

  @Inject JobCommands commands;
  @Inject JobActions actions;
  @Inject ResultService results;
  @Inject JobHistory history;
  @Inject CallerResolver callers;
  @Context UriInfo uri;

  @POST
  @Path("cancel")
  @Produces(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "cancelJob",
      summary = "Cancel a job that has not finished; a running task is terminated")
  public JobView cancel(@PathParam("jobId") UUID jobId) {
    return commands.cancel(callers.current(), jobId, false);
  }

  @POST
  @Path("retry")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "retryJob",
      summary =
          "Send a FAILED, CANCELLED or DEAD_LETTERED job back to the queue as a new attempt (its"
              + " history is kept), optionally with a new priority or template version")
  public JobView retry(@PathParam("jobId") UUID jobId, @Valid RetryRequest request) {
    return actions.retry(
        callers.current(),
        jobId,
        request == null ? null : request.priority,
        request == null ? null : request.templateVersion);
  }

  @DELETE
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "deleteJob",
      summary =
          "Delete a job (one that has not finished is cancelled first) with its results, and its"
              + " file unless another job references the same bytes; 404 from then on")
  public Response delete(@PathParam("jobId") UUID jobId) {
    actions.delete(callers.current(), jobId);
    return Response.noContent().build();
  }

  @GET
  @Path("history")
  @Produces(MediaType.APPLICATION_JSON)
  @AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "getJobHistory",
      summary =
          "The job's history: every change in order, numbered by seq; page on with afterSeq ="
              + " the 'next' of the previous page")
  public JobHistory.Page history(
      @PathParam("jobId") UUID jobId,
      @Parameter(description = "Entries after this seq (0 = from the start)")
          @QueryParam("afterSeq")
          @DefaultValue("0")
          String afterSeq,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    return history.page(
        callers.current(),
        jobId,
        JobHistory.seq(afterSeq, "afterSeq"),
        PageLimit.parse(limit, JobHistory.MAX_LIMIT));
  }

  @GET
  @Path("result")
  @Produces({MediaType.APPLICATION_JSON, NDJSON, CSV})
  @AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(
      operationId = "getJobResult",
      summary =
          "The parsed records, a page at a time, as JSON, NDJSON or CSV (by Accept); the next"
              + " page is in the Link header (and in 'next' for JSON)")
  public Response result(
      @PathParam("jobId") UUID jobId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("1000") String limitText,
      @Context jakarta.ws.rs.core.HttpHeaders headers) {
    int limit = PageLimit.parse(limitText, ResultService.MAX_LIMIT);
    ResultPage page = results.page(callers.current(), jobId, cursor, limit);
    MediaType type = RecordWriter.negotiate(headers.getAcceptableMediaTypes());
    Response.ResponseBuilder response =
        Response.ok(RecordWriter.body(page, type), type.withCharset("UTF-8"));
    if (page.next() != null) {
      response.link(
          uri.getRequestUriBuilder()
              .replaceQueryParam("cursor", page.next())
              .replaceQueryParam("limit", limit)
              .build(),
          "next");
    }
    return response.build();
  }
}
