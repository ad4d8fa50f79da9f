package io.fileparser.admin.boundary;

import io.fileparser.admin.WorkerCommandOutcome;
import io.fileparser.admin.WorkerControl;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.progress.WorkerList;
import io.fileparser.progress.WorkerRegistry;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/workers}: the parse workers heard from, with their host names, load and
 * liveness ({@code alive} false: stale, no heartbeat for twice its interval); {@code POST
 * /admin/workers/{worker}/commands}: a Celery remote-control command for one of them. The fleet
 * serves every tenant, so this is the platform operator's only; a tenant's admin or owner is
 * refused (403).
 */
@Path("admin/workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.OPERATOR)
@Tag(name = "Admin")
public class WorkersResource {

  @Inject WorkerRegistry workers;
  @Inject WorkerControl control;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "listWorkers",
      summary = "Live and recently seen parse workers (from their Celery heartbeats)")
  public WorkerList list() {
    return new WorkerList(workers.list());
  }

  @POST
  @Path("{worker}/commands")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "sendWorkerCommand",
      summary =
          "Send a worker a Celery remote-control command (pool_grow, pool_shrink, rate_limit of"
              + " the parse task, shutdown, stats, ping) and answer with its reply")
  public WorkerCommandOutcome command(
      @PathParam("worker") String worker, @Valid WorkerCommandRequest request) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "send a JSON body such as {\"command\": \"pool_grow\"}");
    }
    return control.send(callers.subject(), worker, request.command, request.n, request.rate);
  }
}
