package io.fileparser.scan;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real clamd on a free loopback port, for component tests, with a one-signature database: a hash
 * signature of the EICAR test string written here, since no official database can be downloaded.
 *
 * <p>A hash signature ({@code .hdb}) matches a whole file, so clamd finds EICAR as the whole stream
 * or as a whole member of an archive it unpacks, not as bytes somewhere inside a larger stream.
 */
final class ClamdServer implements AutoCloseable {

  static final Path CLAMD = Path.of("/usr/sbin/clamd");

  static final byte[] EICAR =
      "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".getBytes(US_ASCII);

  static final String SIGNATURE = "Eicar-Test-Signature";

  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

  private final Process process;
  private final Path directory;
  private final int port;
  private Duration startup;

  private ClamdServer(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /**
   * Starts clamd with its files under {@code directory} and returns once it answers PING. Limits
   * take clamd's size syntax ({@code 10M}). Skips the calling tests when clamd is not installed.
   */
  static ClamdServer start(
      Path directory, String streamMaxLength, String maxFileSize, String maxScanSize)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isExecutable(CLAMD),
        CLAMD + " not found: install clamav-daemon to run the clamd component tests");
    Path database = Files.createDirectories(directory.resolve("db"));
    Files.writeString(database.resolve("eicar.hdb"), eicarHashSignature(), US_ASCII);
    Path temporary = Files.createDirectories(directory.resolve("tmp"));
    // The free port may be taken between probing and clamd's bind; a second try settles that.
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path config = directory.resolve("clamd.conf");
      Files.writeString(
          config,
          String.join(
              "\n",
              "Foreground yes",
              "TCPAddr 127.0.0.1",
              "TCPSocket " + port,
              "LocalSocket " + directory.resolve("clamd.sock"),
              "DatabaseDirectory " + database,
              "TemporaryDirectory " + temporary,
              "StreamMaxLength " + streamMaxLength,
              "MaxFileSize " + maxFileSize,
              "MaxScanSize " + maxScanSize,
              // Without it clamd answers OK for a file over MaxFileSize it never scanned.
              "AlertExceedsMax yes",
              "ScanArchive yes",
              "SelfCheck 0",
              "ReadTimeout 30",
              "CommandReadTimeout 30",
              "LogFile " + directory.resolve("clamd.log"),
              "PidFile " + directory.resolve("clamd.pid"),
              ""),
          US_ASCII);
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(CLAMD.toString(), "--config-file=" + config)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("clamd.out").toFile())
              .start();
      ClamdServer server = new ClamdServer(process, directory, port);
      try {
        server.awaitPong();
        server.startup = Duration.ofNanos(System.nanoTime() - started);
        return server;
      } catch (IllegalStateException e) {
        server.close();
        failure = e;
      }
    }
    throw failure;
  }

  int port() {
    return port;
  }

  /** clamd's Unix socket, on which it listens as well as on the TCP port. */
  Path socket() {
    return directory.resolve("clamd.sock");
  }

  /** How long clamd took from launch to its first PONG. */
  Duration startup() {
    return startup;
  }

  String log() {
    try {
      Path log = directory.resolve("clamd.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitPong() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "clamd exited with " + process.exitValue() + " before answering PING:\n" + output());
      }
      if (answersPong()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("clamd did not answer PING within " + STARTUP_LIMIT);
  }

  /**
   * A plain socket rather than the client under test, so a client bug cannot look like no clamd.
   */
  private boolean answersPong() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("zPING\0".getBytes(US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return "PONG\0".equals(new String(in.readNBytes(5), US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  private String output() {
    try {
      Path out = directory.resolve("clamd.out");
      return (Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "") + log();
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** clamd's hash signature line: {@code md5:size:name} of the whole file. */
  private static String eicarHashSignature() {
    try {
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(EICAR));
      return md5 + ":" + EICAR.length + ":" + SIGNATURE + "\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
