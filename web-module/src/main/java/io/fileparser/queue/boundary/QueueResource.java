package io.fileparser.queue.boundary;

import io.fileparser.jobcontrol.BulkResult;
import io.fileparser.jobs.PageLimit;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.queue.DeadLetterPage;
import io.fileparser.queue.DeadLetterSelection;
import io.fileparser.queue.DeadLetters;
import io.fileparser.queue.DispatchControl;
import io.fileparser.queue.QueueOverview;
import io.fileparser.queue.QueueScope;
import io.fileparser.queue.QueueStatus;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/queue}: the queue's depth and pauses, pause and resume of dispatch, and the
 * dead-letter queue. A tenant's admins and owners administer their tenant's queue; the operator
 * (whose token names no tenant) every tenant's, and alone pauses dispatch globally.
 */
@Path("admin/queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.OWNER, Role.OPERATOR})
@Tag(name = "Admin")
public class QueueResource {

  @Inject QueueOverview overview;
  @Inject DispatchControl dispatch;
  @Inject DeadLetters deadLetters;
  @Inject AdminScopes scopes;

  @GET
  @Operation(
      operationId = "getQueueStatus",
      summary =
          "Jobs waiting and dispatched per priority band, the oldest waiting, jobs in flight per"
              + " tenant, dead letters and the pauses in force (a tenant's admins see their"
              + " tenant, the operator every tenant and the broker's lists)")
  public QueueStatus status(
      @Parameter(description = "Only this tenant (the operator; others see their own)")
          @QueryParam("tenantId")
          String tenantId) {
    return overview.status(scope(), tenantId);
  }

  @POST
  @Path("pause")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "pauseDispatch",
      summary =
          "Stop sending a tenant's (or, the operator only, everyone's) jobs to the workers; uploads"
              + " are still accepted and wait, jobs already sent run on")
  public DispatchControl.Change pause(@Valid PauseRequestBody body) {
    PauseRequestBody request = required(body);
    return dispatch.pause(scope(), request.scope, request.tenantId);
  }

  @POST
  @Path("resume")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "resumeDispatch",
      summary = "Send the jobs that waited while paused, and new ones, to the workers again")
  public DispatchControl.Change resume(@Valid PauseRequestBody body) {
    PauseRequestBody request = required(body);
    return dispatch.resume(scope(), request.scope, request.tenantId);
  }

  @GET
  @Path("dead-letters")
  @Operation(
      operationId = "listDeadLetters",
      summary =
          "Dead-lettered jobs, newest first, with their attempts and last failure; cursor"
              + " pagination")
  public DeadLetterPage deadLetters(
      @Parameter(description = "Only this tenant's (the operator; others see their own)")
          @QueryParam("tenantId")
          String tenantId,
      @Parameter(description = "Only this format: PDF, CSV, CDR or UNKNOWN") @QueryParam("format")
          String format,
      @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") String limit,
      @Parameter(description = "The previous page's next") @QueryParam("cursor") String cursor) {
    return deadLetters.list(
        scope(),
        tenantId,
        format,
        PageLimit.parse(
            limit == null ? Integer.toString(DeadLetters.DEFAULT_LIMIT) : limit,
            DeadLetters.MAX_LIMIT),
        cursor);
  }

  @POST
  @Path("dead-letters/requeue")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "requeueDeadLetters",
      summary =
          "Send dead-lettered jobs (by id, or all matching a filter) round again as new attempts,"
              + " each as POST /jobs/{id}/retry would; answered with every job's outcome")
  public BulkResult requeue(@Valid DeadLetterSelectionBody body) {
    return deadLetters.requeue(scope(), selection(body));
  }

  @POST
  @Path("dead-letters/purge")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "purgeDeadLetters",
      summary =
          "Delete dead-lettered jobs (by id, or all matching a filter) as DELETE /jobs/{id} does;"
              + " answered with every job's outcome")
  public BulkResult purge(@Valid DeadLetterSelectionBody body) {
    return deadLetters.purge(scope(), selection(body));
  }

  private QueueScope scope() {
    return scopes.current();
  }

  private static DeadLetterSelection selection(DeadLetterSelectionBody body) {
    DeadLetterSelectionBody b = required(body);
    return DeadLetterSelection.parse(b.jobIds, b.all, b.tenantId, b.format);
  }

  private static <T> T required(T body) {
    if (body == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "send a JSON body, e.g. {\"scope\": \"tenant\"}");
    }
    return body;
  }
}
