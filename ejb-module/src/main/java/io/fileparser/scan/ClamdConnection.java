package io.fileparser.scan;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to clamd, over TCP or its Unix socket, used for one command.
 *
 * <p>Non-blocking with a selector because a blocking socket has no write timeout: a clamd that
 * stops reading mid-stream would otherwise hold the caller's thread forever. Every failure is a
 * {@link ClamdException}; a timeout has a {@link SocketTimeoutException} as its cause.
 */
final class ClamdConnection implements Closeable {

  /** Far longer than any clamd reply; anything longer is not clamd talking. */
  private static final int MAX_REPLY_LENGTH = 4096;

  private final String endpoint;
  private final SocketChannel channel;
  private final Selector selector;
  private final SelectionKey key;
  private final long readTimeoutMillis;

  private ClamdConnection(
      String endpoint, SocketChannel channel, Selector selector, long readTimeoutMillis)
      throws IOException {
    this.endpoint = endpoint;
    this.channel = channel;
    this.selector = selector;
    this.key = channel.register(selector, 0);
    this.readTimeoutMillis = readTimeoutMillis;
  }

  static ClamdConnection open(ClamdSettings settings) throws ClamdException {
    String endpoint = settings.address();
    SocketAddress address;
    if (settings.isUnixSocket()) {
      address = UnixDomainSocketAddress.of(settings.socket());
    } else {
      InetSocketAddress inet = new InetSocketAddress(settings.host(), settings.port());
      if (inet.isUnresolved()) {
        throw new ClamdException("cannot resolve clamd host " + settings.host());
      }
      address = inet;
    }
    SocketChannel channel = null;
    Selector selector = null;
    try {
      channel =
          settings.isUnixSocket()
              ? SocketChannel.open(StandardProtocolFamily.UNIX)
              : SocketChannel.open();
      channel.configureBlocking(false);
      selector = Selector.open();
      ClamdConnection connection =
          new ClamdConnection(endpoint, channel, selector, settings.readTimeout().toMillis());
      if (!channel.connect(address)) {
        connection.await(SelectionKey.OP_CONNECT, settings.connectTimeout().toMillis(), "connect");
        channel.finishConnect();
      }
      return connection;
    } catch (IOException e) {
      closeQuietly(channel);
      closeQuietly(selector);
      throw e instanceof ClamdException ce
          ? ce
          : new ClamdException("cannot connect to clamd at " + endpoint + ": " + e, e);
    }
  }

  /** Writes all the buffers, waiting at most the read timeout each time clamd stops taking data. */
  void write(ByteBuffer... buffers) throws ClamdException {
    try {
      while (hasRemaining(buffers)) {
        if (channel.write(buffers) == 0) {
          await(SelectionKey.OP_WRITE, readTimeoutMillis, "accept data");
        }
      }
    } catch (ClamdException e) {
      throw e;
    } catch (IOException e) {
      throw new ClamdException("writing to clamd at " + endpoint + " failed: " + e, e);
    }
  }

  /**
   * Reads one reply, which clamd ends with a NUL byte for {@code z}-prefixed commands, without the
   * terminator. A reply cut short by clamd closing the connection is returned as far as it got.
   */
  String readReply() throws ClamdException {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(256);
    try {
      while (true) {
        int read = channel.read(buffer);
        if (read < 0) {
          break;
        }
        if (read == 0) {
          await(SelectionKey.OP_READ, readTimeoutMillis, "answer");
          continue;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
          byte b = buffer.get();
          if (b == 0) {
            return reply.toString(StandardCharsets.UTF_8);
          }
          reply.write(b);
        }
        buffer.clear();
        if (reply.size() > MAX_REPLY_LENGTH) {
          throw new ClamdException(
              "clamd at " + endpoint + " sent a reply longer than " + MAX_REPLY_LENGTH + " bytes");
        }
      }
    } catch (ClamdException e) {
      throw e;
    } catch (IOException e) {
      throw new ClamdException("reading from clamd at " + endpoint + " failed: " + e, e);
    }
    if (reply.size() == 0) {
      throw new ClamdException("clamd at " + endpoint + " closed the connection without a reply");
    }
    return reply.toString(StandardCharsets.UTF_8);
  }

  String endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    closeQuietly(selector);
    closeQuietly(channel);
  }

  private void await(int operation, long timeoutMillis, String what) throws IOException {
    key.interestOps(operation);
    long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
    try {
      while (true) {
        long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (remainingMillis <= 0) {
          throw new ClamdException(
              "clamd at " + endpoint + " did not " + what + " within " + timeoutMillis + " ms",
              new SocketTimeoutException(what + " timed out"));
        }
        if (selector.select(remainingMillis) > 0) {
          selector.selectedKeys().clear();
          return;
        }
        // select() also returns early, and at once on every later call, for an interrupted thread.
        if (Thread.currentThread().isInterrupted()) {
          throw new ClamdException("interrupted while waiting for clamd at " + endpoint);
        }
      }
    } finally {
      key.interestOps(0);
    }
  }

  private static boolean hasRemaining(ByteBuffer[] buffers) {
    for (ByteBuffer buffer : buffers) {
      if (buffer.hasRemaining()) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // Nothing left to release or report: the scan has already succeeded or failed.
    }
  }
}
