package io.fileparser.events.boundary;

import io.fileparser.events.EventStream;
import io.fileparser.events.JobEventMessage;
import io.fileparser.events.LiveEvents;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket session's side of the event stream: sends without blocking, one frame at a time in
 * the order they were asked for (events, command answers, notifications and pings come from
 * different threads, and a subscription's ack must reach the client before its first event), pings
 * on the heartbeat, closes a client that has gone quiet or does not keep up, and ends with the
 * documented close codes.
 *
 * <p>Whether a client keeps up is not what the transport says: the container takes a frame at once
 * and queues what the socket cannot take, in memory and without a bound, so a client that stops
 * reading would never make a send wait. What the client has read is what its pongs say: each ping
 * carries the number of text frames sent before it (8 bytes, big-endian), a client's WebSocket
 * stack answers a ping with the same bytes once it has read that far, and frames leave in order. At
 * each heartbeat, a client that has not confirmed more than {@code behindLimit} of the frames sent
 * before the previous ping (a whole heartbeat ago) is closed with 4008 and resumes by seq.
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
  private final int behindLimit;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Instant lastHeard = Instant.now();
  private volatile LiveEvents.Subscription subscription;
  private volatile AutoCloseable notifications;
  private final Deque<Frame> waiting = new ArrayDeque<>();
  private boolean writing;
  private long textFrames; // text frames asked for so far (guarded by waiting)
  private volatile long confirmed; // text frames the client has read, by its pongs
  private volatile long framesBeforeLastPing;
  private final ClassLoader ownLoader = Thread.currentThread().getContextClassLoader();

  /** A frame to write: starts the asynchronous write, which settles {@code sent}. */
  private record Frame(Consumer<SendHandler> write, CompletableFuture<Void> sent) {}

  WebSocketConnection(
      Session session,
      String tenantId,
      OpenStreams streams,
      Duration idleTimeout,
      int behindLimit) {
    this.session = session;
    this.tenantId = tenantId;
    this.streams = streams;
    this.idleTimeout = idleTimeout;
    this.behindLimit = behindLimit;
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

  /**
   * The client answered a ping: if the answer is one of ours, it has read the text frames sent
   * before that ping (an unsolicited pong, or any other payload, only says that it is there).
   */
  void answered(ByteBuffer payload) {
    heard();
    if (payload.remaining() == Long.BYTES) {
      long read = payload.getLong(payload.position());
      synchronized (waiting) {
        if (read > confirmed && read <= textFrames) {
          confirmed = read;
        }
      }
    }
  }

  @Override
  public CompletionStage<?> send(JobEventMessage event, String json) {
    return sendText(json);
  }

  @Override
  public CompletionStage<?> sendReading(String json) {
    return sendText(json);
  }

  /**
   * Sends a text frame without blocking; completes when the transport took it. Frames go out in the
   * order of the calls, one write outstanding at a time.
   */
  CompletableFuture<Void> sendText(String text) {
    return write(sentBefore -> handler -> session.getAsyncRemote().sendText(text, handler), true);
  }

  /**
   * Queues a frame, or starts it if nothing is outstanding. {@code frame} is given the number of
   * text frames asked for before it (counted in the order the frames leave); the transport is
   * called outside the lock, as its completions take the lock to start the next frame.
   */
  private CompletableFuture<Void> write(LongFunction<Consumer<SendHandler>> frame, boolean isText) {
    Frame queued;
    synchronized (waiting) {
      queued = new Frame(frame.apply(textFrames), new CompletableFuture<>());
      if (isText) {
        textFrames++;
      }
      if (writing) {
        waiting.add(queued);
        return queued.sent();
      }
      writing = true;
    }
    start(queued);
    return queued.sent();
  }

  /** Starts one frame's write; its completion starts the next waiting one. */
  private void start(Frame frame) {
    Frame current = frame;
    while (current != null) {
      if (!session.isOpen()) {
        current.sent().completeExceptionally(new IOException("the session is closed"));
        current = next();
        continue;
      }
      Frame writing = current;
      try {
        withLightContext(
            () ->
                writing
                    .write()
                    .accept(
                        result ->
                            withContext(
                                ownLoader,
                                () -> {
                                  settle(writing.sent(), result);
                                  Frame following = next();
                                  if (following != null) {
                                    start(following);
                                  }
                                })));
        return;
      } catch (RuntimeException e) {
        writing.sent().completeExceptionally(e);
        current = next();
      }
    }
  }

  /** The next waiting frame, or none (and no write outstanding). */
  private Frame next() {
    synchronized (waiting) {
      Frame following = waiting.poll();
      if (following == null) {
        writing = false;
      }
      return following;
    }
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
   * a write's completion runs with the application's loader again (it may start the next waiting
   * frame and run what waited for the write).
   */
  static void withLightContext(Runnable send) {
    withContext(ClassLoader.getPlatformClassLoader(), send);
  }

  /** Runs {@code work} with {@code loader} as the thread's context class loader. */
  private static void withContext(ClassLoader loader, Runnable work) {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      work.run();
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
    if (framesBeforeLastPing - confirmed > behindLimit) {
      close(CLOSE_TOO_SLOW, "too slow: events waited too long; reconnect and resume with fromSeq");
      return;
    }
    write(
            sentBefore -> {
              framesBeforeLastPing = sentBefore;
              return handler -> {
                try {
                  session
                      .getAsyncRemote()
                      .sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, sentBefore));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                handler.onResult(new SendResult());
              };
            },
            false)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                close(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "ping failed");
              }
            });
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
