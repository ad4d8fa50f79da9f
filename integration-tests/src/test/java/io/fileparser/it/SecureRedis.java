package io.fileparser.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Debian's redis-server on a free loopback port that speaks TLS only (no plain-text port) and wants
 * a password from everyone: an ACL user {@link #USER} and {@code requirepass} for the default user.
 * The CA and the server certificate (naming {@code 127.0.0.1}) are made with openssl. The passwords
 * live in files only their owner can read (the server's config file and the password file handed to
 * {@code payara/run}), never on a command line.
 */
final class SecureRedis implements AutoCloseable {

  static final String USER = "parser";

  private final Process process;
  private final Path directory;
  private final int port;
  private final String password;

  private SecureRedis(Process process, Path directory, int port, String password) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.password = password;
  }

  /** Makes the certificates and starts the server, its files in {@code directory}. */
  static SecureRedis start(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    String[] ec = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
    openssl(
        directory,
        concat(
            new String[] {"req", "-x509"},
            ec,
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=fileparser-it-redis-ca"));
    openssl(
        directory,
        concat(
            new String[] {"req"},
            ec,
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=fileparser-it-redis"));
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
    String password = "it-" + randomHex(12);
    ownerOnly(directory.resolve("redis.password"), password + "\n");
    ownerOnly(
        directory.resolve("users.conf"),
        String.join(
            "\n",
            "requirepass it-default-" + randomHex(12),
            "user " + USER + " on >" + password + " ~* &* +@all",
            "save \"\"",
            "appendonly no",
            "dir " + directory,
            ""));
    int port = freePort();
    Process process =
        new ProcessBuilder(
                "/usr/bin/redis-server",
                directory.resolve("users.conf").toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--tls-port",
                Integer.toString(port),
                "--tls-cert-file",
                directory.resolve("server.pem").toString(),
                "--tls-key-file",
                directory.resolve("server.key").toString(),
                "--tls-ca-cert-file",
                directory.resolve("ca.pem").toString(),
                "--tls-auth-clients",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.log").toFile())
            .start();
    SecureRedis redis = new SecureRedis(process, directory, port, password);
    redis.awaitListening();
    return redis;
  }

  int port() {
    return port;
  }

  /** The URI the application and its worker are given: TLS, no password in it. */
  String uri(int database) {
    return "rediss://127.0.0.1:" + port + "/" + database;
  }

  String password() {
    return password;
  }

  Path passwordFile() {
    return directory.resolve("redis.password");
  }

  Path caFile() {
    return directory.resolve("ca.pem");
  }

  /** A connection as the ACL user over TLS, trusting the test CA and checking the host name. */
  Jedis connect() {
    return connect(USER, password, true);
  }

  Jedis connect(String user, String password, boolean tls) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(2000)
            .socketTimeoutMillis(5000)
            .user(user)
            .password(password);
    if (tls) {
      SSLParameters hostname = new SSLParameters();
      hostname.setEndpointIdentificationAlgorithm("HTTPS");
      config
          .ssl(true)
          .sslSocketFactory(trustingTestCa().getSocketFactory())
          .sslParameters(hostname);
    }
    Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port), config.build());
    jedis.connect();
    return jedis;
  }

  private SSLContext trustingTestCa() {
    return TrustStores.trusting(caFile());
  }

  private void awaitListening() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "redis-server exited; see " + directory.resolve("redis.log"));
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not listen on " + port);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void ownerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.UTF_8);
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
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed");
    }
  }

  private static String[] concat(String[] head, String[] middle, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(middle));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
