package io.fileparser.events.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.api.Problems;
import io.fileparser.events.EventId;
import io.fileparser.events.EventStream;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.CallerIdentity;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code /api/parser/websocket}: a tenant's job events, live, over one WebSocket.
 *
 * <p>The handshake is authenticated like any request (a bearer token or an API key header, or for a
 * browser a single-use ticket from {@code POST /api/parser/websocket/ticket} as {@code
 * ?ticket=...}); any reader role may subscribe. The client then sends commands ({@link
 * SubscriberCommand}), each answered {@code {"type":"ack","id":...}} or {@code
 * {"type":"error","id":...,"problem":{...}}}; events arrive as the job event JSON (their {@code
 * type} starts with {@code job.}). The caller's own notifications arrive on every socket it has
 * open, unasked, as {@code {"type":"notification","notification":{...}}}. Close codes: 1001 the
 * server stops, 4001 idle (pings unanswered), 4003 not allowed, 4008 too slow (reconnect and resume
 * with {@code fromSeq}), 4029 too many connections of the tenant.
 */
@ServerEndpoint("/api/parser/websocket")
public class EventsEndpoint {

  private static final Logger LOG = Logger.getLogger(EventsEndpoint.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject WebSocketServices services;

  private Caller caller;
  private WebSocketConnection connection;
  private int jobsFollowed;

  @OnOpen
  public void open(Session session) throws IOException {
    session.setMaxIdleTimeout(0); // the heartbeat decides when a client has gone
    IdleTimeoutTasks.dropWhileOff(session); // nor a task for each frame sent
    try {
      caller = callerOf(session.getUserPrincipal());
    } catch (ProblemException e) {
      session.close(reason(WebSocketConnection.CLOSE_FORBIDDEN, e.detail()));
      return;
    }
    if (caller == null || Role.TENANT_ROLES.stream().noneMatch(caller::hasRole)) {
      session.close(
          reason(WebSocketConnection.CLOSE_FORBIDDEN, "the caller's roles do not allow this"));
      return;
    }
    if (!services.profiles().of(caller.tenantId()).enabled()) {
      session.close(reason(WebSocketConnection.CLOSE_FORBIDDEN, "tenant_disabled"));
      return;
    }
    WebSocketConnection opened =
        new WebSocketConnection(
            session,
            caller.tenantId(),
            services.streams(),
            Duration.ofSeconds(services.idleTimeoutSeconds()),
            services.queueLimit());
    try {
      services.streams().admit(caller.tenantId(), opened);
    } catch (ProblemException e) {
      session.close(reason(WebSocketConnection.CLOSE_TOO_MANY, "too many connections"));
      return;
    }
    opened.attach(services.live().open(caller.tenantId(), opened));
    opened.attachNotifications(services.notifications().listen(caller, opened::sendText));
    connection = opened;
  }

  @OnMessage(maxMessageSize = 4096)
  public void command(String text) {
    if (connection == null) {
      return;
    }
    connection.heard();
    SubscriberCommand command;
    try {
      command = SubscriberCommand.parse(text);
    } catch (SubscriberCommand.Invalid e) {
      reply(error(e.id, ProblemType.INVALID_REQUEST, e.getMessage()));
      return;
    }
    try {
      Runnable start = apply(command);
      // The ack goes out before anything the subscription sends: frames leave in order.
      reply(Map.of("type", "ack", "id", command.id() == null ? "" : command.id()));
      start.run();
    } catch (ProblemException e) {
      reply(error(command.id(), e.type(), e.detail()));
    }
  }

  @OnMessage
  public void pong(PongMessage pong) {
    if (connection != null) {
      connection.answered(pong.getApplicationData());
    }
  }

  @OnClose
  public void closed(Session session, CloseReason reason) {
    if (connection != null) {
      connection.released();
    }
  }

  @OnError
  public void failed(Session session, Throwable failure) {
    LOG.log(Level.FINE, "WebSocket session failed", failure);
    if (connection != null) {
      connection.released();
    }
  }

  /**
   * Checks a command and returns what carries it out, to run once it is acknowledged.
   *
   * @throws ProblemException when the command is refused (nothing changes)
   */
  private Runnable apply(SubscriberCommand command) {
    EventStream stream = connection.stream();
    if (command.tenantScope()) {
      if (command.isSubscribe() && command.afterEventId() != null) {
        EventId last = EventId.parse(command.afterEventId());
        Instant recordedAt = services.replay().recordedAt(caller.tenantId(), last);
        return () -> stream.resumeAll(last, recordedAt);
      }
      return command.isSubscribe() ? stream::followAll : stream::unfollowAll;
    }
    if (!command.isSubscribe()) {
      if (stream.follows(command.jobId())) {
        stream.unfollow(command.jobId());
        jobsFollowed--;
      }
      return () -> {};
    }
    services.jobs().find(caller, command.jobId()); // the tenant's job, or 404 job_not_found
    if (!stream.follows(command.jobId())) {
      if (jobsFollowed >= services.maxJobs()) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST,
            "a connection follows at most "
                + services.maxJobs()
                + " jobs by id; subscribe to the tenant");
      }
      jobsFollowed++;
    }
    Integer afterSeq = command.fromSeq() == null ? null : command.fromSeq() - 1;
    return () -> stream.follow(command.jobId(), afterSeq);
  }

  private Caller callerOf(Principal principal) {
    if (principal instanceof CallerIdentity identity) {
      return identity.caller();
    }
    if (principal instanceof JsonWebToken token) {
      return CallerResolver.fromToken(token, services.tenantClaim());
    }
    return null;
  }

  private static Map<String, Object> error(String id, ProblemType type, String detail) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "error");
    message.put("id", id == null ? "" : id);
    message.put("problem", Problems.body(type, detail, null, Map.of()));
    return message;
  }

  private void reply(Map<String, Object> message) {
    try {
      connection.sendText(JSON.writeValueAsString(message));
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not write a reply", e);
    }
  }

  private static CloseReason reason(int code, String text) {
    String phrase = text == null ? "" : text;
    return new CloseReason(
        CloseReason.CloseCodes.getCloseCode(code),
        phrase.length() > 120 ? phrase.substring(0, 120) : phrase);
  }
}
