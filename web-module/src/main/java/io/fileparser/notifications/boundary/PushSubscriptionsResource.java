package io.fileparser.notifications.boundary;

import io.fileparser.notifications.PushSubscriptionList;
import io.fileparser.notifications.PushSubscriptionView;
import io.fileparser.notifications.PushSubscriptions;
import io.fileparser.notifications.VapidPublicKey;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /notifications/push}: browser Web Push for the caller's own notifications. The browser
 * subscribes with the server's VAPID public key, then posts its subscription here; each new
 * notification is pushed to it, encrypted for that browser.
 */
@Path("notifications/push")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Notifications")
public class PushSubscriptionsResource {

  @Inject PushSubscriptions subscriptions;
  @Inject CallerResolver callers;

  @GET
  @Path("vapid-public-key")
  @Operation(
      operationId = "getVapidPublicKey",
      summary = "The server's VAPID public key (base64url), the browser's applicationServerKey")
  public VapidPublicKey vapidPublicKey() {
    return new VapidPublicKey(subscriptions.vapidPublicKey());
  }

  @GET
  @Path("subscriptions")
  @Operation(
      operationId = "listPushSubscriptions",
      summary = "The caller's push subscriptions (endpoints only, never their keys)")
  public PushSubscriptionList list() {
    return new PushSubscriptionList(subscriptions.list(callers.current()));
  }

  @POST
  @Path("subscriptions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createPushSubscription",
      summary =
          "Push the caller's notifications to a browser: its subscription's endpoint (https, a"
              + " public host) and keys")
  public Response subscribe(@Valid CreatePushSubscriptionRequest request, @Context UriInfo uri) {
    if (request == null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "send the browser's subscription: {\"endpoint\": ..., \"keys\": {\"p256dh\": ...,"
              + " \"auth\": ...}}");
    }
    PushSubscriptionView created =
        subscriptions.subscribe(
            callers.current(), request.endpoint, request.keys.p256dh, request.keys.auth);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @DELETE
  @Path("subscriptions/{id}")
  @Operation(
      operationId = "deletePushSubscription",
      summary = "Stop pushing to a browser: delete one of the caller's push subscriptions")
  public Response unsubscribe(@PathParam("id") UUID id) {
    subscriptions.unsubscribe(callers.current(), id);
    return Response.noContent().build();
  }
}
