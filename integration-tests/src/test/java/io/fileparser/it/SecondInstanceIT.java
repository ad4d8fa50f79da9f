package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Two application-server instances on the same PostgreSQL database and Redis: the IT domain and a
 * second domain of its own (ports 25xxx with the default IT port base 28000: {@code it.portbase -
 * 3000}) from {@code payara/run}, sharing the file store as instances behind one load balancer
 * share a mount or a bucket. A job uploaded through the second reaches a WebSocket subscriber on
 * the first with every event exactly once, although both instances hear every report of the worker.
 */
class SecondInstanceIT {

  private static final String DOMAIN = "fileparser-it-second";
  private static final int PORTBASE = TestEnvironment.ownDomainPortBase("it.secondPortbase", -3000);
  private static final URI SECOND = URI.create("http://127.0.0.1:" + (PORTBASE + 80));

  private static Workers worker;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    Path root = TestEnvironment.repoDir();
    // A domain left by an earlier run keeps its old settings: start from a new one. Not with
    // --fresh, which would drop the database the first instance is using.
    stopSecondInstance();
    deleteTree(TestEnvironment.varDir().resolve("payara6/glassfish/domains/" + DOMAIN));
    Files.deleteIfExists(TestEnvironment.varDir().resolve("domains/" + DOMAIN + ".env"));
    List<String> command =
        new ArrayList<>(
            List.of(
                root.resolve("payara/run").toString(),
                "--no-build",
                "--no-worker",
                "--domain",
                DOMAIN,
                "--portbase",
                Integer.toString(PORTBASE),
                "--db",
                TestEnvironment.jdbcUrl().substring(TestEnvironment.jdbcUrl().lastIndexOf('/') + 1),
                "--redis-db",
                TestEnvironment.redisUri()
                    .substring(TestEnvironment.redisUri().lastIndexOf('/') + 1),
                "--store",
                FileStore.root().toString(),
                "--set",
                "fileparser.progress.min-interval-ms=200",
                "--set",
                "fileparser.rate-limit.free.read=6/60",
                "--set",
                "fileparser.scan.verdict-wait-ms=60000"));
    Process run = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    if (!run.waitFor(10, TimeUnit.MINUTES) || run.exitValue() != 0) {
      throw new IllegalStateException("the second instance did not start");
    }
    worker = Workers.start();
  }

  @AfterAll
  static void stopSecondInstance() throws Exception {
    if (worker != null) {
      worker.close();
      worker = null;
    }
    Path root = TestEnvironment.repoDir();
    new ProcessBuilder(root.resolve("payara/stop").toString(), "--domain", DOMAIN, "--quiet")
        .directory(root.toFile())
        .inheritIO()
        .start()
        .waitFor(5, TimeUnit.MINUTES);
  }

  @Test
  void anEventRaisedOnOneInstanceReachesASubscriberOnTheOtherExactlyOnce() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    try (EventSocket onFirst = EventSocket.bearer(token)) {
      onFirst.subscribeTenant("all");

      ApiResponse uploaded =
          Api.call("POST", SECOND.resolve("/api/parser/upload"))
              .bearer(token)
              .multipart(Multipart.file("elsewhere.csv", SampleFiles.csv(tenant)))
              .send();
      assertEquals(201, uploaded.status(), uploaded::toString);
      String jobId = uploaded.json().path("id").asText();

      List<JsonNode> events = onFirst.eventsOf(jobId, "job.completed", Duration.ofSeconds(90));
      assertEquals(
          IntStream.rangeClosed(1, events.size()).boxed().toList(),
          events.stream().map(e -> e.path("seq").asInt()).toList(),
          events::toString);
      Set<String> reports = new HashSet<>();
      for (JsonNode event : events) {
        if (event.path("type").asText().equals("job.progress")) {
          String report =
              event.path("data").path("step").asText()
                  + "/"
                  + event.path("data").path("percent").asInt()
                  + "/"
                  + event.path("data").path("message").asText();
          assertEquals(true, reports.add(report), () -> "a report produced twice: " + events);
        }
      }
      JsonNode history = Jobs.history(token, jobId);
      assertEquals(history.size(), events.size(), history::toString);
    }
  }

  @Test
  void theSecondInstanceServesTheSameTenantsJobs() {
    String tenant = Tenants.fresh();
    String jobId = Uploads.create(tenant, "first.csv", SampleFiles.csv(tenant)).path("id").asText();

    ApiResponse status =
        Api.call("GET", SECOND.resolve("/api/parser/status/" + jobId))
            .bearer(Tokens.of(tenant, "viewer"))
            .send();

    assertEquals(200, status.status(), status::toString);
    assertEquals(jobId, status.json().path("id").asText());
  }

  @Test
  void aRateLimitHoldsAcrossInstances() throws Exception {
    String tenant = RateLimitIT.freeTenant();
    String token = Tokens.of(tenant, "viewer");
    URI onFirst = TestEnvironment.apiUri("/jobs");
    URI onSecond = SECOND.resolve("/api/parser/jobs");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, RateLimitIT.listJobs(onFirst, token).status());
      assertEquals(200, RateLimitIT.listJobs(onSecond, token).status());
    }

    ApiResponse refused = RateLimitIT.listJobs(onSecond, token);

    assertEquals(429, refused.status(), refused::toString);
    assertEquals(429, RateLimitIT.listJobs(onFirst, token).status());
  }

  /**
   * Half of a file goes to the first instance, the rest (with the unmodified tus-java-client, which
   * asks the second for the offset) to the second: the upload's offset, digest and chunks live in
   * PostgreSQL and the shared store, not in the instance that received them.
   */
  @Test
  void aResumableUploadStartedOnOneInstanceFinishesOnTheOther() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    StringBuilder rows = new StringBuilder("invoice,customer,amount,date\n");
    for (int i = 0; i < 20_000; i++) {
      rows.append("INV-")
          .append(i)
          .append(",Two Instances,")
          .append(i % 997)
          .append(".25,2026-01-05\n");
    }
    byte[] whole = rows.toString().getBytes(StandardCharsets.UTF_8);
    URI onFirst =
        Tus.created(
            Tus.create(token)
                .header("Upload-Length", Integer.toString(whole.length))
                .header("Upload-Metadata", Tus.metadata("two-instances.csv"))
                .send());
    int half = whole.length / 2;
    ApiResponse first = Tus.patch(onFirst, token, 0, Arrays.copyOf(whole, half)).send();
    assertEquals(204, first.status(), first::toString);

    URI onSecond = SECOND.resolve(onFirst.getRawPath());
    TusClient client = new TusClient();
    client.setHeaders(Map.of("Authorization", "Bearer " + token));
    TusUpload upload = new TusUpload();
    upload.setInputStream(new ByteArrayInputStream(whole));
    upload.setSize(whole.length);
    upload.setMetadata(Map.of("filename", "two-instances.csv", "filetype", "text/csv"));
    TusUploader uploader = client.beginOrResumeUploadFromURL(upload, onSecond.toURL());
    assertEquals(half, uploader.getOffset(), "the second instance's HEAD");
    uploader.setChunkSize(64 * 1024);
    uploader.setRequestPayloadSize(256 * 1024);
    while (uploader.uploadChunk() > -1) {
      // on to the end, on the second instance
    }
    uploader.finish();

    JsonNode status = Tus.status(onFirst, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(SampleFiles.sha256(whole), status.path("sha256").asText());
    JsonNode job = Jobs.status(token, status.path("jobId").asText());
    assertEquals(
        SampleFiles.sha256(whole), job.path("file").path("sha256").asText(), job::toString);
    assertEquals(whole.length, job.path("file").path("size").asLong(), job::toString);
  }

  /**
   * While a chunk streams into one instance, the other refuses a PATCH of the same upload (the lock
   * is in Redis, shared by both), and the first chunk completes the upload unharmed.
   */
  @Test
  void aPatchOnTheOtherInstanceWhileAChunkStreamsIs423() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("locked-across");
    URI onFirst =
        Tus.created(
            Tus.create(token)
                .header("Upload-Length", Integer.toString(csv.length))
                .header("Upload-Metadata", Tus.metadata("locked.csv"))
                .send());
    URI onSecond = SECOND.resolve(onFirst.getRawPath());
    String lockKey = "fileparser:resumable:lock:" + Tus.id(onFirst);
    try (Socket slow = new Socket(onFirst.getHost(), onFirst.getPort());
        JedisPooled redis = Broker.connect()) {
      slow.setSoTimeout(30_000);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("PATCH "
                  + onFirst.getRawPath()
                  + " HTTP/1.1\r\nHost: "
                  + onFirst.getHost()
                  + ":"
                  + onFirst.getPort()
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: "
                  + Tus.CHUNK
                  + "\r\nContent-Length: "
                  + csv.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(csv, 0, 10);
      out.flush();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!redis.exists(lockKey)) {
        assertTrue(System.currentTimeMillis() < deadline, "the first PATCH never took the lock");
        Thread.sleep(20);
      }

      ApiResponse second = Tus.patch(onSecond, token, 0, csv).send();
      Problems.assertProblem(second, 423, "upload_locked");
      assertEquals("0", Tus.head(onSecond, token).header("Upload-Offset").orElseThrow());

      out.write(csv, 10, csv.length - 10);
      out.flush();
      String answer = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 204", answer);
    }
    JsonNode status = Tus.status(onSecond, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(SampleFiles.sha256(csv), status.path("sha256").asText());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
