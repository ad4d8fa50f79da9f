package io.fileparser.webhooks.boundary;

import io.fileparser.jobs.PageLimit;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.webhooks.JobDeliveryPage;
import io.fileparser.webhooks.WebhookMessages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
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

/**
 * {@code GET /jobs/{jobId}/webhook-deliveries}: what every endpoint of the tenant was sent about
 * one job. Admins and owners, as for the endpoints' own delivery logs.
 */
@Path("jobs/{jobId}/webhook-deliveries")
@RequestScoped
@AllowedRoles({Role.ADMIN, Role.OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class JobDeliveriesResource {

  @Inject WebhookMessages messages;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "listJobWebhookDeliveries",
      summary =
          "The job's webhook messages to every endpoint of the tenant, in the order they were"
              + " written, with status and attempts; page on with afterSeq = the 'next' of the"
              + " previous page")
  public JobDeliveryPage list(
      @PathParam("jobId") UUID jobId,
      @Parameter(description = "Messages after this seq (0 = from the start)")
          @QueryParam("afterSeq")
          @DefaultValue("0")
          String afterSeq,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    return messages.ofJob(
        callers.current(),
        jobId,
        WebhookMessages.afterSeq(afterSeq),
        PageLimit.parse(limit, WebhookMessages.MAX_LIMIT));
  }
}
