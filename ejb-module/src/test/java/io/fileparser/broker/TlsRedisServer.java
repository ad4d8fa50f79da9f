package io.fileparser.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server on a free loopback port that speaks TLS only and wants a password, for
 * component tests: a CA and a server certificate made with openssl (the certificate names only
 * {@code 127.0.0.1}), an ACL user {@link #USER} and a {@code requirepass} for the default user. Its
 * configuration (with the passwords) is written to a file only its owner can read.
 */
final class TlsRedisServer implements AutoCloseable {

  static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
  static final String USER = "parser";
  static final String PASSWORD = "component-pass-7x";
  static final String DEFAULT_PASSWORD = "component-default-9y";

  private final Process process;
  private final Path caFile;
  private final int port;

  private TlsRedisServer(Process process, Path caFile, int port) {
    this.process = process;
    this.caFile = caFile;
    this.port = port;
  }

  /** Starts it with its files under {@code directory}; skips the tests without redis-server. */
  static TlsRedisServer start(Path directory) throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(REDIS_SERVER), "redis-server is not installed");
    Path ca = directory.resolve("ca.pem");
    openssl(
        directory,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=test-redis-ca");
    openssl(
        directory,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=test-redis");
    Files.writeString(directory.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        directory,
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext");
    int port = freePort();
    Path config = directory.resolve("redis.conf");
    Files.createFile(
        config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        config,
        String.join(
            "\n",
            "bind 127.0.0.1",
            "port 0",
            "tls-port " + port,
            "tls-cert-file " + directory.resolve("server.pem"),
            "tls-key-file " + directory.resolve("server.key"),
            "tls-ca-cert-file " + ca,
            "tls-auth-clients no",
            "save \"\"",
            "appendonly no",
            "dir " + directory,
            "requirepass " + DEFAULT_PASSWORD,
            "user " + USER + " on >" + PASSWORD + " ~* &* +@all",
            ""),
        StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(REDIS_SERVER.toString(), config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.log").toFile())
            .start();
    TlsRedisServer server = new TlsRedisServer(process, ca, port);
    server.awaitListening();
    return server;
  }

  int port() {
    return port;
  }

  Path caFile() {
    return caFile;
  }

  private void awaitListening() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("redis-server exited with " + process.exitValue());
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not listen on " + port);
  }

  private static void openssl(Path directory, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("openssl.log").toFile())
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
