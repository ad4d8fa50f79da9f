package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application server is killed (SIGKILL, no shutdown of any kind) while the unmodified
 * tus-java-client streams a 100 MiB file into it, and started again: the upload resumes from the
 * offset HEAD tells, which lost nothing the server had acknowledged, and the job has the whole
 * file's SHA-256. The IT domain is running and ready again when this class is done, whatever
 * happened in it.
 */
class ResumableRestartIT {

  private static final long SIZE = 100L << 20;
  private static final int REQUEST_BYTES = 8 << 20;
  private static final int CHUNK_BYTES = 1 << 20;

  private static Path file;
  private static String sha256;

  @BeforeAll
  static void writeTheFile() throws Exception {
    file = Files.createTempFile("resumable-restart", ".csv");
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream csv = new DigestInputStream(new S3StorageIT.CsvStream(SIZE), digest)) {
      Files.copy(csv, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    sha256 = HexFormat.of().formatHex(digest.digest());
  }

  @AfterAll
  static void leaveTheDomainRunning() throws Exception {
    if (file != null) {
      Files.deleteIfExists(file);
    }
    if (!ProcessHandle.of(serverPid()).map(ProcessHandle::isAlive).orElse(false)) {
      startDomain();
    }
    awaitReady(Duration.ofMinutes(3));
  }

  @Test
  void anUploadResumesAfterTheServerWasKilledMidChunkAndTheJobHasTheWholeFilesSha256()
      throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    long started = System.nanoTime();
    TusUploader uploader = client(token).createUpload(upload());
    uploader.setRequestPayloadSize(REQUEST_BYTES);
    uploader.setChunkSize(CHUNK_BYTES);
    URL location = uploader.getUploadURL();
    // Whole requests until half the file is acknowledged: a request is answered (and its
    // Upload-Offset checked by the client) when its last chunk is sent.
    while (uploader.getOffset() < SIZE / 2 || uploader.getOffset() % REQUEST_BYTES != 0) {
      assertTrue(uploader.uploadChunk() > 0);
    }
    long acknowledged = uploader.getOffset();
    assertEquals(0, acknowledged % REQUEST_BYTES, "stopped at a request's end: " + acknowledged);
    assertEquals(acknowledged, offset(location, token), "HEAD before the kill");
    // The next request is under way, three of its eight MiB sent, when the server dies.
    for (int i = 0; i < 3; i++) {
      assertTrue(uploader.uploadChunk() > 0);
    }
    long sent = uploader.getOffset();
    double firstHalf = seconds(started);

    long pid = serverPid();
    long killedAt = System.nanoTime();
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    assertTrue(server.destroyForcibly(), "SIGKILL sent to " + pid);
    server.onExit().get(60, TimeUnit.SECONDS);
    assertThrows(
        IOException.class,
        () -> {
          while (uploader.uploadChunk() > 0) {
            // the rest of the interrupted request, into a dead connection
          }
        });
    startDomain();
    awaitReady(Duration.ofMinutes(3));
    double restart = seconds(killedAt);

    long durable = offset(location, token);
    assertTrue(
        durable >= acknowledged && durable <= sent,
        "offset after the restart "
            + durable
            + ", acknowledged "
            + acknowledged
            + ", sent "
            + sent);

    long resumedAt = System.nanoTime();
    TusUploader resumed = resume(token, location);
    assertEquals(durable, resumed.getOffset());
    resumed.setRequestPayloadSize(REQUEST_BYTES);
    resumed.setChunkSize(CHUNK_BYTES);
    while (resumed.uploadChunk() > -1) {
      // on to the end
    }
    resumed.finish();
    double secondHalf = seconds(resumedAt);

    JsonNode status = status(URI.create(location.toString()), token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(SIZE, status.path("offset").asLong());
    assertEquals(sha256, status.path("sha256").asText());
    JsonNode job = Jobs.status(token, status.path("jobId").asText());
    assertEquals(sha256, job.path("file").path("sha256").asText(), job::toString);
    assertEquals(SIZE, job.path("file").path("size").asLong(), job::toString);
    System.out.printf(
        "100 MiB tus upload killed at %d MiB acknowledged (%d sent): first half %.1f s, kill to"
            + " ready %.1f s, offset after restart %d, resumed half (with the pipeline) %.1f s%n",
        acknowledged >> 20, sent >> 20, firstHalf, restart, durable, secondHalf);
  }

  /**
   * A client that knows only the upload's URL (its own state died with it), asking for the offset
   * and going on. Until the killed server's lock on the upload expires ({@code
   * fileparser.resumable.lock-seconds}), a PATCH is answered 423, as for any other writer: an empty
   * one tells when the upload is free again.
   */
  private static TusUploader resume(String token, URL location) throws Exception {
    URI upload = URI.create(location.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      ApiResponse probe = Tus.patch(upload, token, offset(location, token), new byte[0]).send();
      if (probe.status() != 423) {
        assertEquals(204, probe.status(), probe::toString);
        break;
      }
      assertTrue(System.nanoTime() < deadline, "the dead writer's lock never expired");
      Thread.sleep(500);
    }
    return client(token).beginOrResumeUploadFromURL(upload(), location);
  }

  private static TusClient client(String token) {
    TusClient client = new TusClient();
    try {
      client.setUploadCreationURL(TestEnvironment.apiUri("/upload/stream").toURL());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    client.setHeaders(Map.of("Authorization", "Bearer " + token));
    return client;
  }

  private static TusUpload upload() throws IOException {
    TusUpload upload = new TusUpload(file.toFile());
    upload.setMetadata(Map.of("filename", "restart.csv", "filetype", "text/csv"));
    return upload;
  }

  private static long offset(URL location, String token) {
    ApiResponse head = Tus.head(URI.create(location.toString()), token);
    assertEquals(200, head.status(), head::toString);
    return Long.parseLong(head.header("Upload-Offset").orElseThrow());
  }

  private static JsonNode status(URI upload, String token) {
    return Tus.status(upload, token);
  }

  private static long serverPid() throws IOException {
    return Long.parseLong(Files.readString(domainDir().resolve("config/pid")).strip());
  }

  private static Path domainDir() {
    return TestEnvironment.varDir()
        .resolve("payara6/glassfish/domains/" + TestEnvironment.domain());
  }

  /** {@code asadmin start-domain}: the domain's settings and deployed EAR are as they were. */
  private static void startDomain() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(TestEnvironment.varDir().resolve("payara6/bin/asadmin").toString());
    command.addAll(
        List.of(
            "--user",
            "admin",
            "--passwordfile",
            TestEnvironment.varDir()
                .resolve("keys/" + TestEnvironment.domain() + ".admin-password")
                .toString(),
            "start-domain",
            TestEnvironment.domain()));
    Process start = new ProcessBuilder(command).inheritIO().start();
    assertTrue(start.waitFor(5, TimeUnit.MINUTES), "start-domain returned");
    assertEquals(0, start.exitValue(), "start-domain");
  }

  /** The command returns before the application answers: poll readiness. */
  private static void awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(TestEnvironment.serverUri("/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertTrue(System.nanoTime() < deadline, "the IT domain was not ready within " + timeout);
      Thread.sleep(250);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
