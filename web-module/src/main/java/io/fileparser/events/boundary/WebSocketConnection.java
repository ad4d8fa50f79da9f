package io.fileparser.events.boundary;

import io.fileparser.events.EventStream;
import io.fileparser.events.JobEventMessage;
import io.fileparser.events.LiveEvents;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket session's side of the event stream: sends without blocking, pings on the heartbeat,
 * closes a client that has gone quiet, and ends with the documented close codes.
 */
final class WebSocketConnection implements EventStream.Sink, OpenStreams.Connection {

  /** The client did not answer pings (or send anything) within the idle timeout. */
  static final int CLOSE_IDLE = 4001;

  /** The caller may not subscribe (no reader role, no tenant). */
  static final int CLOSE_FORBIDDEN = 4003;

  /** Too many events waited for this client: reconnect and resume with fromSeq. */
  static final int CLOSE_TOO_SLOW = 4008;

  /** The tenant has as many connections open on this server as it may. */
  static final int CLOSE_TOO_MANY = 4029;

  private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());

  private final Session session;
  private final String tenantId;
  private final OpenStreams streams;
  private final Duration idleTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Instant lastHeard = Instant.now();
  private volatile LiveEvents.Subscription subscription;
  private volatile AutoCloseable notifications;

  WebSocketConnection(Session session, String tenantId, OpenStreams streams, Duration idleTimeout) {
    this.session = session;
    this.tenantId = tenantId;
    this.streams = streams;
    this.idleTimeout = idleTimeout;
  }

  void attach(LiveEvents.Subscription subscription) {
    this.subscription = subscription;
  }

  /** The caller's own notifications come on this socket until it ends. */
  void attachNotifications(AutoCloseable registration) {
    this.notifications = registration;
    if (closed.get()) {
      closeQuietly(registration);
    }
  }

  EventStream stream() {
    return subscription.stream();
  }

  /** The client said something (a command, a pong): it is there. */
  void heard() {
    lastHeard = Instant.now();
  }

  @Override
  public CompletionStage<?> send(JobEventMessage event) {
    return sendText(event.toJson());
  }

  /** Sends a text frame without blocking; completes when the transport took it. */
  CompletableFuture<Void> sendText(String text) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    if (!session.isOpen()) {
      sent.completeExceptionally(new IOException("the session is closed"));
      return sent;
    }
    withLightContext(() -> session.getAsyncRemote().sendText(text, r -> settle(sent, r)));
    return sent;
  }

  private static void settle(CompletableFuture<Void> sent, SendResult result) {
    if (result.isOK()) {
      sent.complete(null);
    } else {
      sent.completeExceptionally(result.getException());
    }
  }

  /**
   * Runs a send with the platform class loader as the thread's context class loader. Tyrus (2.1.5
   * in Payara 6) reschedules the session's idle-timeout task on every frame sent, on the
   * container's managed scheduler, and that scheduler captures the submitting thread's context for
   * each task: among it a {@code ServiceLoader} lookup of thread-context providers through the
   * context class loader. With the application's class loader that lookup walks every jar of the
   * EAR and the server's API class loader, tens of microseconds per frame, and a fan-out sends
   * thousands of frames a second from one thread. The platform class loader answers the lookup from
   * the JDK's modules alone. Nothing in a send needs the application's classes (the text is built
   * already; the idle-timeout task does nothing, the heartbeat decides when a client has gone), and
   * the caller's loader is back before a completion can run anything of ours: a send that completes
   * at once settles a future nobody waits on yet.
   */
  static void withLightContext(Runnable send) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      send.run();
    } finally {
      thread.setContextClassLoader(own);
    }
  }

  @Override
  public void overflowed() {
    close(CLOSE_TOO_SLOW, "too slow: events waited too long; reconnect and resume with fromSeq");
  }

  @Override
  public void heartbeat() {
    if (Duration.between(lastHeard, Instant.now()).compareTo(idleTimeout) > 0) {
      close(CLOSE_IDLE, "idle: no answer to pings");
      return;
    }
    try {
      withLightContext(
          () -> {
            try {
              session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException | IllegalStateException e) {
      close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "ping failed");
    }
  }

  @Override
  public void shutDown() {
    close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "the server is stopping; reconnect");
  }

  /** Closes the session with {@code code}, once; frees the subscription and the slot. */
  void close(int code, String reason) {
    released();
    if (session.isOpen()) {
      try {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
      } catch (IOException | IllegalStateException e) {
        LOG.log(Level.FINE, "closing a WebSocket session failed", e);
      }
    }
  }

  /** The session ended (either side): frees the subscription and the slot, once. */
  void released() {
    if (closed.compareAndSet(false, true)) {
      LiveEvents.Subscription current = subscription;
      if (current != null) {
        current.close();
      }
      AutoCloseable listening = notifications;
      if (listening != null) {
        closeQuietly(listening);
      }
      streams.release(tenantId, this);
    }
  }

  private static void closeQuietly(AutoCloseable registration) {
    try {
      registration.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "could not stop listening for notifications", e);
    }
  }
}
