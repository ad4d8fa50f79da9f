package io.fileparser.admin.boundary;

import io.fileparser.progress.WorkerList;
import io.fileparser.progress.WorkerRegistry;
import io.fileparser.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/workers}: the parse workers heard from, with their host names, load and
 * liveness. The fleet serves every tenant, so this is the platform operator's view only; a tenant's
 * admin or owner is refused (403).
 */
@Path("admin/workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR)
@Tag(name = "Admin")
public class WorkersResource {

  @Inject WorkerRegistry workers;

  @GET
  @Operation(
      operationId = "listWorkers",
      summary = "Live and recently seen parse workers (from their Celery heartbeats)")
  public WorkerList list() {
    return new WorkerList(workers.list());
  }
}
