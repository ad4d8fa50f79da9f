package io.fileparser.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks a ClamAV daemon whether content is infected, over clamd's protocol (TCP or its Unix socket).
 *
 * <p>Thread-safe and stateless between calls: each command opens its own connection, so a clamd
 * restart between two scans costs nothing. Content is streamed in {@code chunkSize} pieces with
 * INSTREAM, never held in memory whole.
 */
public final class ClamdClient {

  private static final Logger LOG = Logger.getLogger(ClamdClient.class.getName());

  private static final String STREAM_PREFIX = "stream: ";
  private static final String FOUND_SUFFIX = " FOUND";
  private static final String ERROR_SUFFIX = " ERROR";

  /** clamd's words when a stream passes its StreamMaxLength. */
  private static final String CLAMD_SIZE_LIMIT = "size limit exceeded";

  private final ClamdSettings settings;

  public ClamdClient(
      String host,
      int port,
      Duration connectTimeout,
      Duration readTimeout,
      int chunkSize,
      long streamMaxLength) {
    this(new ClamdSettings(host, port, connectTimeout, readTimeout, chunkSize, streamMaxLength));
  }

  public ClamdClient(ClamdSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Whether clamd answers {@code PING}; for health checks, so it reports failure as false. */
  public boolean ping() {
    try {
      return "PONG".equals(command("zPING\0"));
    } catch (ClamdException e) {
      LOG.log(Level.FINE, "clamd ping failed", e);
      return false;
    }
  }

  /** clamd's version line, e.g. {@code ClamAV 1.4.6/27491/Mon Dec 16 09:33:40 2024}. */
  public String version() throws ClamdException {
    return command("zVERSION\0");
  }

  /**
   * Scans a file, streaming it to clamd (clamd may run elsewhere and cannot read our disk).
   *
   * @throws ClamdException if clamd could not be asked
   * @throws IOException if the file cannot be read
   */
  public ScanVerdict scan(Path file) throws IOException {
    try (InputStream content = Files.newInputStream(file)) {
      return scan(content);
    }
  }

  /**
   * Streams the content to clamd and returns its verdict. Does not close the stream.
   *
   * <p>Content longer than {@code streamMaxLength} is cut off and answered LIMIT_EXCEEDED without
   * waiting for clamd: clamd would drop the connection at its own limit anyway, after receiving
   * every byte up to it.
   *
   * @throws ClamdException if clamd could not be asked
   * @throws IOException if reading the content fails; kept apart from {@link ClamdException} so
   *     that a broken upload is not retried as if the scanner were down
   */
  public ScanVerdict scan(InputStream content) throws IOException {
    try (ClamdConnection connection = ClamdConnection.open(settings)) {
      long sent = 0;
      try {
        connection.write(ascii("zINSTREAM\0"));
        byte[] chunk = new byte[settings.chunkSize()];
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        int read;
        while ((read = content.readNBytes(chunk, 0, chunk.length)) > 0) {
          if (sent + read > settings.streamMaxLength()) {
            return ScanVerdict.limitExceeded(
                "INSTREAM size limit exceeded (client limit "
                    + settings.streamMaxLength()
                    + " bytes)",
                sent);
          }
          length.clear().putInt(read).flip();
          connection.write(length, ByteBuffer.wrap(chunk, 0, read));
          sent += read;
        }
        length.clear().putInt(0).flip();
        connection.write(length);
      } catch (ClamdException writeFailure) {
        return replyAfterWriteFailure(connection, writeFailure, sent);
      }
      return parseScanReply(connection.readReply(), sent);
    }
  }

  /**
   * clamd closes the connection when it gives up on a stream (over its StreamMaxLength, for one),
   * which breaks our next write; its reply saying why is usually already waiting to be read.
   */
  private static ScanVerdict replyAfterWriteFailure(
      ClamdConnection connection, ClamdException writeFailure, long sent) throws ClamdException {
    if (writeFailure.getCause() instanceof SocketTimeoutException) {
      // clamd is stuck rather than gone: waiting again for a reply would only double the delay.
      throw writeFailure;
    }
    try {
      return parseScanReply(connection.readReply(), sent);
    } catch (ClamdException noReply) {
      writeFailure.addSuppressed(noReply);
      throw writeFailure;
    }
  }

  /**
   * Maps clamd's INSTREAM answer ({@code stream: OK}, {@code stream: <name> FOUND}, {@code <text>
   * ERROR}) to a verdict; anything else means we are not talking to clamd as we think we are.
   */
  static ScanVerdict parseScanReply(String reply, long bytesScanned) throws ClamdException {
    String text = reply.strip();
    if (text.equals(STREAM_PREFIX + "OK")) {
      return ScanVerdict.clean(bytesScanned);
    }
    if (text.startsWith(STREAM_PREFIX)
        && text.endsWith(FOUND_SUFFIX)
        && text.length() > STREAM_PREFIX.length() + FOUND_SUFFIX.length()) {
      String signature =
          text.substring(STREAM_PREFIX.length(), text.length() - FOUND_SUFFIX.length()).strip();
      if (!signature.isEmpty()) {
        return ScanVerdict.infected(signature, bytesScanned);
      }
    }
    if (text.endsWith(ERROR_SUFFIX)) {
      String message = text.substring(0, text.length() - ERROR_SUFFIX.length());
      if (message.startsWith(STREAM_PREFIX)) {
        message = message.substring(STREAM_PREFIX.length());
      }
      return message.contains(CLAMD_SIZE_LIMIT)
          ? ScanVerdict.limitExceeded(message.strip(), bytesScanned)
          : ScanVerdict.error(message.strip(), bytesScanned);
    }
    throw new ClamdException("unexpected reply from clamd to INSTREAM: \"" + text + "\"");
  }

  private String command(String command) throws ClamdException {
    try (ClamdConnection connection = ClamdConnection.open(settings)) {
      connection.write(ascii(command));
      String reply = connection.readReply().strip();
      if (reply.isEmpty()) {
        throw new ClamdException("clamd at " + connection.endpoint() + " sent an empty reply");
      }
      return reply;
    }
  }

  private static ByteBuffer ascii(String command) {
    return ByteBuffer.wrap(command.getBytes(StandardCharsets.US_ASCII));
  }
}
