package io.fileparser.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where clamd listens and how patiently to talk to it.
 *
 * @param host clamd's TCP address, unused when {@code socket} is given
 * @param port clamd's TCP port, unused when {@code socket} is given
 * @param socket the path of clamd's Unix socket ({@code LocalSocket} in clamd.conf), or null for
 *     TCP
 * @param readTimeout longest wait for clamd to make progress, reading a chunk or answering; a scan
 *     of a large file takes longer in total, as long as clamd keeps moving
 * @param chunkSize bytes per INSTREAM chunk, which is also the client's memory per scan
 * @param streamMaxLength the largest content sent; keep it at or below clamd's {@code
 *     StreamMaxLength} so oversized uploads are refused before they cross the network
 */
public record ClamdSettings(
    String host,
    int port,
    Duration connectTimeout,
    Duration readTimeout,
    int chunkSize,
    long streamMaxLength,
    Path socket) {

  public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

  /**
   * Slightly above 2 GiB, so that a clamd configured with the usual {@code StreamMaxLength 2G}
   * rather than this client is the one to reject content near the limit.
   */
  public static final long DEFAULT_STREAM_MAX_LENGTH = 2_200_000_000L;

  public ClamdSettings {
    if (socket == null) {
      Objects.requireNonNull(host, "host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
    }
    if (streamMaxLength < 1) {
      throw new IllegalArgumentException("streamMaxLength must be positive: " + streamMaxLength);
    }
  }

  /** clamd over TCP. */
  public ClamdSettings(
      String host,
      int port,
      Duration connectTimeout,
      Duration readTimeout,
      int chunkSize,
      long streamMaxLength) {
    this(host, port, connectTimeout, readTimeout, chunkSize, streamMaxLength, null);
  }

  /** Whether clamd is reached over its Unix socket rather than TCP. */
  public boolean isUnixSocket() {
    return socket != null;
  }

  /** Where clamd is, for logs and messages: {@code unix:/run/clamd.sock} or {@code host:port}. */
  public String address() {
    return socket != null ? "unix:" + socket : host + ":" + port;
  }

  /** A clamd on this host's default port, the Debian package's out-of-the-box setup. */
  public static ClamdSettings defaults() {
    return new ClamdSettings(
        "127.0.0.1",
        3310,
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        DEFAULT_CHUNK_SIZE,
        DEFAULT_STREAM_MAX_LENGTH);
  }

  private static void requirePositive(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms: " + timeout);
    }
  }
}
