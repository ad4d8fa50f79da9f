package io.fileparser.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the client fails when clamd is absent, silent or not clamd at all. No clamd is needed: the
 * peers here are plain sockets that misbehave on purpose.
 */
class ClamdClientFailureTest {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

  private final List<ServerSocket> peers = new ArrayList<>();
  private final List<Socket> accepted = new ArrayList<>();

  @AfterEach
  void closePeers() throws IOException {
    for (Socket socket : accepted) {
      socket.close();
    }
    for (ServerSocket peer : peers) {
      peer.close();
    }
  }

  @Test
  void pingIsFalseOnAClosedPort() throws Exception {
    assertFalse(clientFor(closedPort()).ping());
  }

  @Test
  void scanOfAClosedPortFailsFast() throws Exception {
    ClamdClient client = clientFor(closedPort());
    long started = System.nanoTime();

    assertThrows(ClamdException.class, () -> client.scan(new ByteArrayInputStream(new byte[10])));

    assertFaster(CONNECT_TIMEOUT.plusSeconds(1), started);
  }

  @Test
  void versionOfAClosedPortThrows() throws Exception {
    assertThrows(ClamdException.class, () -> clientFor(closedPort()).version());
  }

  @Test
  void silentPeerTimesOutWaitingForTheReply() throws Exception {
    ClamdClient client = clientFor(peer(socket -> {}));
    long started = System.nanoTime();

    ClamdException e =
        assertThrows(
            ClamdException.class, () -> client.scan(new ByteArrayInputStream(new byte[100])));

    assertInstanceOf(SocketTimeoutException.class, e.getCause(), e.toString());
    // The socket's timeout is kept in whole milliseconds by the kernel's poll, which may wake a
    // fraction of one early against System.nanoTime (seen: 499.87 ms of a 500 ms timeout).
    assertTrue(
        elapsed(started).compareTo(READ_TIMEOUT.minusMillis(5)) >= 0,
        "gave up after " + elapsed(started));
    assertFaster(READ_TIMEOUT.plusSeconds(1), started);
  }

  @Test
  void peerThatStopsReadingTimesOutInsteadOfBlockingTheWriter() throws Exception {
    // Nothing is read, so once the socket buffers are full no further write can complete.
    ClamdClient client = clientFor(peer(socket -> {}));
    long started = System.nanoTime();

    ClamdException e =
        assertThrows(ClamdException.class, () -> client.scan(new GeneratedContent(1L << 30)));

    assertInstanceOf(SocketTimeoutException.class, e.getCause(), e.toString());
    assertFaster(READ_TIMEOUT.plusSeconds(2), started);
  }

  @Test
  void peerClosingWithoutAReplyIsAProtocolFailure() throws Exception {
    ClamdClient client = clientFor(peer(socket -> drainAndThenWrite(socket, "")));

    ClamdException e =
        assertThrows(
            ClamdException.class, () -> client.scan(new ByteArrayInputStream(new byte[1])));

    assertTrue(e.getMessage().contains("without a reply"), e.getMessage());
  }

  @Test
  void replyThatIsNotClamdsIsAProtocolFailure() throws Exception {
    ClamdClient client =
        clientFor(peer(socket -> drainAndThenWrite(socket, "HTTP/1.1 400 Bad Request\r\n\r\n")));

    ClamdException e =
        assertThrows(
            ClamdException.class, () -> client.scan(new ByteArrayInputStream(new byte[1])));

    assertTrue(e.getMessage().contains("HTTP/1.1 400"), e.getMessage());
  }

  @Test
  void pingIsFalseWhenThePeerAnswersSomethingElse() throws Exception {
    assertFalse(clientFor(peer(socket -> drainAndThenWrite(socket, "NOPE\0"))).ping());
  }

  private interface Behaviour {
    void on(Socket socket) throws IOException;
  }

  /** A loopback peer that accepts connections and treats each one with the given behaviour. */
  private int peer(Behaviour behaviour) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    peers.add(server);
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket socket = server.accept();
                  synchronized (accepted) {
                    accepted.add(socket);
                  }
                  behaviour.on(socket);
                }
              } catch (IOException e) {
                // The server socket was closed after the test.
              }
            },
            "fake-clamd");
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  /** Reads the whole request (up to the zero-length chunk or PING's NUL), answers and hangs up. */
  private static void drainAndThenWrite(Socket socket, String reply) throws IOException {
    try (socket) {
      socket.setSoTimeout(200);
      InputStream in = socket.getInputStream();
      try {
        while (in.read() >= 0) {
          // Keep reading until the client has sent everything and waits for the answer.
        }
      } catch (SocketTimeoutException quiet) {
        // The client stopped sending: it is waiting for the reply now.
      }
      socket.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static ClamdClient clientFor(int port) {
    return new ClamdClient("127.0.0.1", port, CONNECT_TIMEOUT, READ_TIMEOUT, 64 * 1024, 1L << 40);
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static void assertFaster(Duration limit, long startedNanos) {
    Duration elapsed = elapsed(startedNanos);
    assertTrue(elapsed.compareTo(limit) < 0, "took " + elapsed + ", limit " + limit);
  }
}
