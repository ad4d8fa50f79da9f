package io.fileparser.webhooks.boundary;

import io.fileparser.jobs.PageLimit;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.webhooks.CreatedWebhook;
import io.fileparser.webhooks.MessageDetail;
import io.fileparser.webhooks.MessagePage;
import io.fileparser.webhooks.Recovered;
import io.fileparser.webhooks.RotatedSecret;
import io.fileparser.webhooks.WebhookEndpoints;
import io.fileparser.webhooks.WebhookList;
import io.fileparser.webhooks.WebhookMessages;
import io.fileparser.webhooks.WebhookView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's webhook endpoints and their delivery logs: admins and owners manage them. */
@Path("webhooks")
@RequestScoped
@AllowedRoles({Role.ADMIN, Role.OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhooksResource {

  @Inject WebhookEndpoints endpoints;
  @Inject WebhookMessages messages;
  @Inject CallerResolver callers;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createWebhook",
      summary =
          "Register an endpoint for the tenant's job events; the signing secret (whsec_...) is in"
              + " this answer only")
  public Response create(@Valid CreateWebhookRequest request, @Context UriInfo uri) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "send a JSON body such as {\"url\": \"https://example.com/hooks\"}");
    }
    CreatedWebhook created =
        endpoints.create(callers.current(), request.url, request.description, request.eventTypes);
    return Response.created(
            uri.getAbsolutePathBuilder().path(created.webhook().id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @Operation(operationId = "listWebhooks", summary = "List the tenant's webhook endpoints")
  public WebhookList list() {
    return new WebhookList(endpoints.list(callers.current()));
  }

  @GET
  @Path("{webhookId}")
  @Operation(operationId = "getWebhook", summary = "Read one webhook endpoint")
  public WebhookView get(@PathParam("webhookId") UUID id) {
    return endpoints.get(callers.current(), id);
  }

  @PATCH
  @Path("{webhookId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateWebhook",
      summary =
          "Change an endpoint's URL, event types, description or enabled flag; absent fields stay")
  public WebhookView update(@PathParam("webhookId") UUID id, @Valid UpdateWebhookRequest request) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, "send a JSON body such as {\"enabled\": true}");
    }
    return endpoints.update(
        callers.current(),
        id,
        request.url,
        request.description,
        request.eventTypes,
        request.enabled);
  }

  @DELETE
  @Path("{webhookId}")
  @Operation(
      operationId = "deleteWebhook",
      summary = "Delete an endpoint with its pending messages and delivery log")
  public Response delete(@PathParam("webhookId") UUID id) {
    endpoints.delete(callers.current(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("{webhookId}/rotate-secret")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "rotateWebhookSecret",
      summary =
          "Replace the signing secret; the previous one keeps signing too (a second signature)"
              + " for overlapSeconds")
  public RotatedSecret rotate(@PathParam("webhookId") UUID id, @Valid RotateSecretRequest request) {
    Long overlap = request == null ? null : request.overlapSeconds;
    return endpoints.rotateSecret(
        callers.current(), id, overlap == null ? null : Duration.ofSeconds(overlap));
  }

  @POST
  @Path("{webhookId}/test")
  @Operation(
      operationId = "testWebhook",
      summary = "Send a webhook.test message to the endpoint now, whatever its event types")
  public Response test(@PathParam("webhookId") UUID id) {
    return Response.accepted(messages.test(callers.current(), id)).build();
  }

  @GET
  @Path("{webhookId}/messages")
  @Operation(
      operationId = "listWebhookMessages",
      summary =
          "The endpoint's delivery log: its messages in seq order with status and attempts; page"
              + " on with afterSeq = the 'next' of the previous page")
  public MessagePage messages(
      @PathParam("webhookId") UUID id,
      @Parameter(description = "Messages after this seq (0 = from the start)")
          @QueryParam("afterSeq")
          @DefaultValue("0")
          String afterSeq,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @Parameter(description = "PENDING, DELIVERED or FAILED") @QueryParam("status")
          String status) {
    return messages.page(
        callers.current(),
        id,
        WebhookMessages.afterSeq(afterSeq),
        PageLimit.parse(limit, WebhookMessages.MAX_LIMIT),
        status);
  }

  @GET
  @Path("{webhookId}/messages/{messageId}")
  @Operation(
      operationId = "getWebhookMessage",
      summary =
          "One message: the exact body sent and every attempt (status, latency, response excerpt)")
  public MessageDetail message(
      @PathParam("webhookId") UUID id, @PathParam("messageId") UUID messageId) {
    return messages.detail(callers.current(), id, messageId);
  }

  @POST
  @Path("{webhookId}/messages/{messageId}/resend")
  @Operation(
      operationId = "resendWebhookMessage",
      summary = "Send one message again now, with the same webhook-id and body")
  public Response resend(@PathParam("webhookId") UUID id, @PathParam("messageId") UUID messageId) {
    return Response.accepted(messages.resend(callers.current(), id, messageId)).build();
  }

  @POST
  @Path("{webhookId}/recover")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "recoverWebhookMessages",
      summary = "Send again every message of the endpoint given up since a time")
  public Response recover(@PathParam("webhookId") UUID id, @Valid RecoverRequest request) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "send a JSON body such as {\"since\": \"2026-11-29T00:00:00Z\"}");
    }
    return Response.accepted(new Recovered(messages.recover(callers.current(), id, request.since)))
        .build();
  }
}
