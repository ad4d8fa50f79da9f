package io.fileparser.notifications.boundary;

import io.fileparser.notifications.FeedQuery;
import io.fileparser.notifications.MarkedRead;
import io.fileparser.notifications.NotificationFeed;
import io.fileparser.notifications.NotificationPage;
import io.fileparser.notifications.NotificationView;
import io.fileparser.notifications.UnreadCount;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * {@code /notifications}: the caller's own feed of notable events (its jobs completed, failed,
 * dead-lettered or needing a mapping; its webhook endpoints disabled). Every reader role has one;
 * nobody reads another's.
 */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Notifications")
public class NotificationsResource {

  @Inject NotificationFeed feed;
  @Inject CallerResolver callers;

  @GET
  @Operation(
      operationId = "listNotifications",
      summary = "List the caller's notifications, newest first, with cursor pagination")
  public NotificationPage list(
      @Parameter(description = "true: only the unread ones") @QueryParam("unread") String unread,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit")
          String limit,
      @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor")
          String cursor) {
    return feed.list(callers.current(), FeedQuery.parse(unread, limit, cursor));
  }

  @GET
  @Path("count")
  @Operation(
      operationId = "countUnreadNotifications",
      summary = "Count the caller's unread notifications")
  public UnreadCount count() {
    return new UnreadCount(feed.unreadCount(callers.current()));
  }

  @POST
  @Path("{id}/read")
  @Operation(operationId = "markNotificationRead", summary = "Mark one notification read")
  public NotificationView markRead(@PathParam("id") UUID id) {
    return feed.markRead(callers.current(), id);
  }

  @POST
  @Path("read-all")
  @Operation(
      operationId = "markAllNotificationsRead",
      summary = "Mark all the caller's unread notifications read")
  public MarkedRead markAllRead() {
    return new MarkedRead(feed.markAllRead(callers.current()));
  }
}
