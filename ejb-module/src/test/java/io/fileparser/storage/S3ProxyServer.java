package io.fileparser.storage;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for component tests: s3proxy as a child process on a free loopback port,
 * keeping its objects in a directory (the in-memory backend costs ~4x the data in RSS).
 */
final class S3ProxyServer implements AutoCloseable {

  static final String ACCESS_KEY = "it-access";
  static final String SECRET_KEY = "it-secret";
  static final String REGION = "us-east-1";

  private static final String JAR = "s3proxy-2.6.0-jar-with-dependencies.jar";
  // It answers after ~3 s on an idle machine; a busy build machine can take several times that.
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;
  private final Thread killOnExit;

  private S3ProxyServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
    // A test JVM that dies without running @AfterAll must not leave the server behind.
    this.killOnExit = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts a server keeping its data and log under {@code workDir}; returns once it answers. */
  static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
    int port = freePort();
    Path data = Files.createDirectories(workDir.resolve("data"));
    Properties properties = new Properties();
    properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    properties.setProperty("s3proxy.identity", ACCESS_KEY);
    properties.setProperty("s3proxy.credential", SECRET_KEY);
    // Without it s3proxy refuses the SSE headers (and then ignores them).
    properties.setProperty("s3proxy.ignore-unknown-headers", "true");
    properties.setProperty("jclouds.provider", "filesystem");
    properties.setProperty("jclouds.filesystem.basedir", data.toString());
    Path file = workDir.resolve("s3proxy.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      properties.store(out, null);
    }
    Path log = workDir.resolve("s3proxy.log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar().toString(),
                "--properties",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port));
    try {
      server.awaitPort(port, log);
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  URI endpoint() {
    return endpoint;
  }

  /** A plain client to set up and inspect the bucket behind the store's back. */
  S3Client newClient() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Runtime.getRuntime().removeShutdownHook(killOnExit);
  }

  private void awaitPort(int port, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("s3proxy exited with " + process.exitValue() + ":\n" + tail(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("s3proxy did not answer on port " + port + ":\n" + tail(log));
  }

  /** The jar surefire put on the test class path, else the one in the local repository. */
  private static Path jar() throws IOException {
    for (String property : List.of("surefire.test.class.path", "java.class.path")) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        if (entry.endsWith(JAR)) {
          return Path.of(entry);
        }
      }
    }
    Path local =
        Path.of(System.getProperty("user.home"), ".m2/repository/org/gaul/s3proxy/2.6.0", JAR);
    if (!Files.isRegularFile(local)) {
      throw new IOException("s3proxy jar not on the test class path nor at " + local);
    }
    return local;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
