package io.fileparser.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebSocketConnectionTest {

  /** What the transport saw: the context class loader of each send, and the handlers to call. */
  private final List<ClassLoader> loadersAtSend = new ArrayList<>();

  private final List<SendHandler> handlers = new ArrayList<>();
  private boolean completeAtOnce;

  private final ClassLoader application = new URLClassLoader(new URL[0]);
  private ClassLoader before;

  @BeforeEach
  void applicationLoader() {
    before = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(application);
  }

  @AfterEach
  void restore() {
    Thread.currentThread().setContextClassLoader(before);
  }

  @Test
  void sendsWithThePlatformLoaderAndGivesTheCallersBack() {
    completeAtOnce = true;
    CompletableFuture<Void> sent = connection().sendText("{}");

    assertEquals(List.of(ClassLoader.getPlatformClassLoader()), loadersAtSend);
    assertSame(application, Thread.currentThread().getContextClassLoader());
    assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
  }

  @Test
  void aSendThatCompletesLaterCompletesItsFuture() {
    CompletableFuture<Void> sent = connection().sendText("{}");
    assertFalse(sent.isDone());
    assertSame(application, Thread.currentThread().getContextClassLoader());

    handlers.get(0).onResult(new SendResult());
    assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
  }

  @Test
  void aFailedSendFailsItsFuture() {
    CompletableFuture<Void> sent = connection().sendText("{}");
    handlers.get(0).onResult(new SendResult(new IOException("reset by peer")));
    assertTrue(sent.isCompletedExceptionally());
  }

  @Test
  void theCallersLoaderIsBackWhenTheTransportThrows() {
    Session session =
        session(
            (proxy, method, args) -> {
              throw new IllegalStateException("the session is closing");
            });
    WebSocketConnection connection =
        new WebSocketConnection(session, "t", new OpenStreams(), Duration.ofSeconds(60), 5);
    try {
      connection.sendText("{}");
    } catch (IllegalStateException expected) {
      // the transport's own answer
    }
    assertSame(application, Thread.currentThread().getContextClassLoader());
  }

  /** The pings sent (their payloads) and the close codes asked for, by the reading tests. */
  private final List<Long> pings = new ArrayList<>();

  private final List<Integer> closes = new ArrayList<>();

  @Test
  void aClientThatHasNotReadWhatWasSentAHeartbeatAgoIsClosedAsTooSlow() {
    WebSocketConnection connection = readingConnection();
    sendTexts(connection, 10);
    connection.heartbeat(); // asks: have you read the first 10?
    sendTexts(connection, 10);
    connection.heartbeat(); // no answer: 10 frames behind, over the limit of 5

    assertEquals(List.of(10L), pings);
    assertEquals(List.of(WebSocketConnection.CLOSE_TOO_SLOW), closes);
  }

  @Test
  void aClientThatAnswersThePingsStaysOpenHoweverManyFramesItGets() {
    WebSocketConnection connection = readingConnection();
    sendTexts(connection, 10);
    connection.heartbeat();
    connection.answered(payload(10));
    sendTexts(connection, 30);
    connection.heartbeat();
    connection.answered(payload(40));
    connection.heartbeat();

    assertEquals(List.of(10L, 40L, 40L), pings);
    assertEquals(List.of(), closes);
  }

  @Test
  void anUnsolicitedOrForeignPongConfirmsNothing() {
    WebSocketConnection connection = readingConnection();
    sendTexts(connection, 10);
    connection.heartbeat();
    connection.answered(ByteBuffer.allocate(0)); // a keep-alive of the client's own
    connection.answered(payload(1_000)); // more than was ever sent: not an answer of ours
    connection.heartbeat();

    assertEquals(List.of(WebSocketConnection.CLOSE_TOO_SLOW), closes);
  }

  private static void sendTexts(WebSocketConnection connection, int count) {
    for (int i = 0; i < count; i++) {
      connection.sendText("{}");
    }
  }

  private static ByteBuffer payload(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(0, value);
  }

  /** A connection whose transport takes every frame at once, as the container does. */
  private WebSocketConnection readingConnection() {
    RemoteEndpoint.Async async =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                WebSocketConnectionTest.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "sendText" -> ((SendHandler) args[1]).onResult(new SendResult());
                    case "sendPing" -> pings.add(((ByteBuffer) args[0]).getLong(0));
                    default -> throw new UnsupportedOperationException(method.getName());
                  }
                  return null;
                });
    Session session =
        (Session)
            Proxy.newProxyInstance(
                WebSocketConnectionTest.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "isOpen" -> closes.isEmpty();
                      case "getAsyncRemote" -> async;
                      case "close" -> {
                        closes.add(((CloseReason) args[0]).getCloseCode().getCode());
                        yield null;
                      }
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    return new WebSocketConnection(session, "t", new OpenStreams(), Duration.ofSeconds(60), 5);
  }

  private WebSocketConnection connection() {
    Session session =
        session(
            (proxy, method, args) -> {
              if (method.getName().equals("sendText") && args.length == 2) {
                loadersAtSend.add(Thread.currentThread().getContextClassLoader());
                SendHandler handler = (SendHandler) args[1];
                if (completeAtOnce) {
                  handler.onResult(new SendResult());
                } else {
                  handlers.add(handler);
                }
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
    return new WebSocketConnection(session, "t", new OpenStreams(), Duration.ofSeconds(60), 5);
  }

  private static Session session(java.lang.reflect.InvocationHandler remote) {
    RemoteEndpoint.Async async =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                WebSocketConnectionTest.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                remote);
    return (Session)
        Proxy.newProxyInstance(
            WebSocketConnectionTest.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isOpen" -> true;
                  case "getAsyncRemote" -> async;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
