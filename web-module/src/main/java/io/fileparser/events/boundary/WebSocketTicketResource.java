package io.fileparser.events.boundary;

import io.fileparser.security.Role;
import io.fileparser.security.WebSocketTickets;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /websocket/ticket}: a single-use ticket, valid for seconds, that opens the WebSocket
 * for the caller where headers cannot be set (browsers): {@code
 * wss://.../api/parser/websocket?ticket=...}.
 */
@Path("websocket/ticket")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Events")
public class WebSocketTicketResource {

  @Inject WebSocketTickets tickets;
  @Inject CallerResolver callers;

  @POST
  @Operation(
      operationId = "createWebSocketTicket",
      summary = "Issue a single-use ticket that opens the WebSocket for the caller")
  public WebSocketTickets.Ticket issue() {
    return tickets.issue(callers.current());
  }
}
