package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Resumable uploads over tus 1.0 at {@code /upload/stream}: the unmodified tus-java-client, and raw
 * requests for every status code the protocol names.
 */
class ResumableUploadIT {

  private static final String CHUNK = "application/offset+octet-stream";

  /** A CSV of several MiB, unique per variant. */
  private static byte[] largeCsv(String variant, int rows) {
    StringBuilder csv = new StringBuilder(rows * 48).append("invoice,customer,amount,date\n");
    for (int i = 0; i < rows; i++) {
      csv.append("INV-")
          .append(i)
          .append(',')
          .append(variant)
          .append(" Corp,")
          .append(i % 1000)
          .append(".25,2026-01-")
          .append(10 + i % 18)
          .append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static TusClient client(String token) {
    TusClient client = new TusClient();
    client.setUploadCreationURL(url(TestEnvironment.apiUri("/upload/stream")));
    client.setHeaders(Map.of("Authorization", "Bearer " + token));
    return client;
  }

  private static TusUpload upload(byte[] bytes, String filename) {
    TusUpload upload = new TusUpload();
    upload.setInputStream(new ByteArrayInputStream(bytes));
    upload.setSize(bytes.length);
    upload.setFingerprint(filename + ":" + bytes.length);
    upload.setMetadata(Map.of("filename", filename, "filetype", "text/csv", "priority", "7"));
    return upload;
  }

  private static URL url(URI uri) {
    try {
      return uri.toURL();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void tusClientResumesAnInterruptedUploadAndTheJobHasTheWholeFilesSha256()
      throws IOException, ProtocolException {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] csv = largeCsv("resumed", 160_000);
    assertTrue(csv.length > 5_000_000, "several MiB: " + csv.length);

    TusClient first = client(token);
    first.enableResuming(new TusURLMemoryStore());
    TusUploader uploader = first.createUpload(upload(csv, "resumed.csv"));
    uploader.setChunkSize(256 * 1024);
    uploader.setRequestPayloadSize(1024 * 1024);
    for (int i = 0; i < 9; i++) {
      assertTrue(uploader.uploadChunk() > 0);
    }
    uploader.finish(); // the client stops here, part way
    URL stored = uploader.getUploadURL();
    long sent = uploader.getOffset();
    assertTrue(sent > 0 && sent < csv.length, "stopped part way at " + sent);

    ApiResponse head = tus("HEAD", URI.create(stored.toString()), token).send();
    assertEquals(200, head.status(), head::toString);
    assertEquals(Long.toString(sent), head.header("Upload-Offset").orElseThrow());
    assertEquals(Long.toString(csv.length), head.header("Upload-Length").orElseThrow());
    assertEquals("no-store", head.header("Cache-Control").orElseThrow());
    assertEquals("1.0.0", head.header("Tus-Resumable").orElseThrow());

    // A new client, knowing only the URL, resumes where the server says the upload stands.
    TusUploader resumed =
        client(token).beginOrResumeUploadFromURL(upload(csv, "resumed.csv"), stored);
    assertEquals(sent, resumed.getOffset());
    resumed.setChunkSize(256 * 1024);
    resumed.setRequestPayloadSize(2 * 1024 * 1024);
    while (resumed.uploadChunk() > -1) {
      // on to the end
    }
    resumed.finish();
    assertEquals(csv.length, resumed.getOffset());

    JsonNode status = status(URI.create(stored.toString()), token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(csv.length, status.path("offset").asLong());
    assertEquals(csv.length, status.path("bytesReceived").asLong());
    assertEquals(SampleFiles.sha256(csv), status.path("sha256").asText());
    assertTrue(status.path("bytesPerSecond").asDouble() > 0, status::toString);
    String jobId = status.path("jobId").asText();
    JsonNode job = Jobs.status(token, jobId);
    assertEquals("resumed.csv", job.path("filename").asText(), job::toString);
    assertEquals(7, job.path("priority").asInt(), job::toString);
    assertEquals(SampleFiles.sha256(csv), job.path("file").path("sha256").asText(), job::toString);
    assertEquals(csv.length, job.path("file").path("size").asLong(), job::toString);
    assertEquals("CSV", job.path("file").path("format").asText(), job::toString);
  }

  @Test
  void theFinalPatchAnswersTheJobId() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("final-patch");
    URI upload = create(token, csv.length, "final.csv");
    ApiResponse patch = patch(upload, token, 0, csv).send();
    assertEquals(204, patch.status(), patch::toString);
    assertEquals(Long.toString(csv.length), patch.header("Upload-Offset").orElseThrow());
    String jobId = patch.header("Upload-Job-Id").orElseThrow();
    assertEquals(
        SampleFiles.sha256(csv), Jobs.status(token, jobId).path("file").path("sha256").asText());
  }

  @Test
  void optionsAnnouncesVersionExtensionsLimitAndChecksums() {
    ApiResponse options =
        Api.call("OPTIONS", TestEnvironment.apiUri("/upload/stream"))
            .bearer(Tokens.of(Tenants.fresh(), "member"))
            .send();
    assertTrue(options.status() == 204 || options.status() == 200, options::toString);
    assertEquals("1.0.0", options.header("Tus-Version").orElseThrow());
    assertEquals("1.0.0", options.header("Tus-Resumable").orElseThrow());
    String extensions = options.header("Tus-Extension").orElseThrow();
    for (String extension :
        new String[] {
          "creation",
          "creation-with-upload",
          "creation-defer-length",
          "termination",
          "checksum",
          "expiration"
        }) {
      assertTrue(Arrays.asList(extensions.split(",")).contains(extension), extensions);
    }
    assertTrue(Long.parseLong(options.header("Tus-Max-Size").orElseThrow()) > 0);
    assertEquals("sha1,sha256,md5", options.header("Tus-Checksum-Algorithm").orElseThrow());
  }

  @Test
  void creationWithUploadStoresTheFirstChunk() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("with-upload");
    ApiResponse created =
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", Integer.toString(csv.length))
            .header("Upload-Metadata", metadata("with-upload.csv"))
            .body(CHUNK, Arrays.copyOf(csv, 10))
            .send();
    assertEquals(201, created.status(), created::toString);
    assertEquals("10", created.header("Upload-Offset").orElseThrow());
    assertTrue(created.header("Upload-Expires").orElseThrow().endsWith(" GMT"));
    URI upload = URI.create(created.header("Location").orElseThrow());
    assertEquals("10", head(upload, token).header("Upload-Offset").orElseThrow());
  }

  @Test
  void theJobOfAResumableUploadWaitsForTheJobsItDependsOn() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String dependency =
        Uploads.create(tenant, "first.csv", SampleFiles.csv(tenant + "first")).path("id").asText();
    byte[] csv = SampleFiles.csv(tenant + "second");

    URI upload =
        createWith(
            token,
            csv.length,
            metadata("second.csv")
                + ",dependsOn "
                + b64(dependency)
                + ",onDependencyFailure "
                + b64("continue"));
    ApiResponse done = patch(upload, token, 0, csv).send();

    assertEquals(204, done.status(), done::toString);
    JsonNode job = Jobs.status(token, done.header("Upload-Job-Id").orElseThrow());
    assertEquals(dependency, job.path("dependsOn").get(0).path("jobId").asText(), job::toString);
    assertEquals("continue", job.path("onDependencyFailure").asText(), job::toString);
  }

  @Test
  void theJobOfAResumableUploadStartsWhenScheduled() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("scheduled-tus");
    Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    URI upload =
        createWith(token, csv.length, metadata("later.csv") + ",scheduleAt " + b64(at.toString()));
    ApiResponse done = patch(upload, token, 0, csv).send();

    assertEquals(204, done.status(), done::toString);
    JsonNode job = Jobs.status(token, done.header("Upload-Job-Id").orElseThrow());
    assertEquals("SCHEDULED", job.path("state").asText(), job::toString);
    assertEquals(at, Instant.parse(job.path("scheduleAt").asText()), job::toString);
  }

  @Test
  void workflowOptionsAreCheckedBeforeAnyByteIsSent() {
    String token = Tokens.of(Tenants.fresh(), "member");
    String otherTenantsJob =
        Uploads.create(Tenants.fresh(), "theirs.csv", SampleFiles.csv("theirs-tus"))
            .path("id")
            .asText();

    Problems.assertProblem(
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", "100")
            .header("Upload-Metadata", metadata("x.csv") + ",dependsOn " + b64(otherTenantsJob))
            .send(),
        422,
        "dependency_not_found");
    Problems.assertProblem(
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", "100")
            .header(
                "Upload-Metadata", metadata("x.csv") + ",scheduleAt " + b64("2999-01-01T00:00:00Z"))
            .send(),
        422,
        "schedule_too_far");
    Problems.assertProblem(
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", "100")
            .header("Upload-Metadata", metadata("x.csv") + ",templateVersion " + b64("2"))
            .send(),
        400,
        "invalid_request");
  }

  @Test
  void aChunkAtTheWrongOffsetIs409AndChangesNothing() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("offset-409");
    URI upload = create(token, csv.length, "offset.csv");
    assertEquals(204, patch(upload, token, 0, Arrays.copyOf(csv, 20)).send().status());

    ApiResponse behind = patch(upload, token, 0, Arrays.copyOf(csv, 20)).send();
    Problems.assertProblem(behind, 409, "upload_offset_mismatch");
    assertEquals("1.0.0", behind.header("Tus-Resumable").orElseThrow());
    Problems.assertProblem(
        patch(upload, token, 25, new byte[] {1}).send(), 409, "upload_offset_mismatch");
    assertEquals("20", head(upload, token).header("Upload-Offset").orElseThrow());
  }

  @Test
  void aClientOfAnotherVersionIs412AndToldTheVersionsServed() {
    String token = Tokens.of(Tenants.fresh(), "member");
    ApiResponse old =
        Api.post("/upload/stream")
            .bearer(token)
            .header("Tus-Resumable", "0.2.2")
            .header("Upload-Length", "10")
            .header("Upload-Metadata", metadata("old.csv"))
            .send();
    Problems.assertProblem(old, 412, "tus_version_unsupported");
    assertEquals("1.0.0", old.header("Tus-Version").orElseThrow());
    URI upload = create(token, 10, "v.csv");
    ApiResponse missing =
        Api.call("PATCH", upload)
            .bearer(token)
            .header("Upload-Offset", "0")
            .body(CHUNK, new byte[] {1})
            .send();
    Problems.assertProblem(missing, 412, "tus_version_unsupported");
  }

  @Test
  void anUploadLargerThanTusMaxSizeIs413() {
    String token = Tokens.of(Tenants.fresh(), "member");
    long max =
        Long.parseLong(
            Api.call("OPTIONS", TestEnvironment.apiUri("/upload/stream"))
                .bearer(token)
                .send()
                .header("Tus-Max-Size")
                .orElseThrow());
    ApiResponse tooLarge =
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", Long.toString(max + 1))
            .header("Upload-Metadata", metadata("huge.csv"))
            .send();
    Problems.assertProblem(tooLarge, 413, "file_too_large");
  }

  @Test
  void aChunkPastTheUploadLengthIs413AndNotKept() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI upload = create(token, 10, "short.csv");
    Problems.assertProblem(
        patch(upload, token, 0, new byte[11]).send(), 413, "upload_length_exceeded");
    assertEquals("0", head(upload, token).header("Upload-Offset").orElseThrow());
  }

  @Test
  void aChunkOfAnotherContentTypeIs415() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI upload = create(token, 10, "type.csv");
    ApiResponse wrong =
        tus("PATCH", upload, token)
            .header("Upload-Offset", "0")
            .body("application/octet-stream", new byte[] {1})
            .send();
    Problems.assertProblem(wrong, 415, "unsupported_media_type");
  }

  @Test
  void aChunkWithTheWrongChecksumIs460AndDiscardedThenTheRightOneIsKept() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("checksum");
    URI upload = create(token, csv.length, "checksum.csv");
    byte[] part = Arrays.copyOf(csv, 30);
    ApiResponse wrong =
        patch(upload, token, 0, part)
            .header("Upload-Checksum", "sha1 " + digest("SHA-1", new byte[] {0}))
            .send();
    Problems.assertProblem(wrong, 460, "checksum_mismatch");
    assertEquals("0", head(upload, token).header("Upload-Offset").orElseThrow());

    ApiResponse right =
        patch(upload, token, 0, part)
            .header("Upload-Checksum", "sha256 " + digest("SHA-256", part))
            .send();
    assertEquals(204, right.status(), right::toString);
    assertEquals("30", right.header("Upload-Offset").orElseThrow());
    ApiResponse unknown =
        patch(upload, token, 30, new byte[] {1}).header("Upload-Checksum", "crc32 AAAAAA==").send();
    Problems.assertProblem(unknown, 400, "checksum_algorithm_unsupported");
  }

  @Test
  void anUnknownUploadIs404AndATerminatedOneIs410() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI unknown = TestEnvironment.apiUri("/upload/stream/" + UUID.randomUUID());
    Problems.assertProblem(
        patch(unknown, token, 0, new byte[] {1}).send(), 404, "upload_not_found");
    assertEquals(404, head(unknown, token).status());

    URI upload = create(token, 10, "terminated.csv");
    ApiResponse deleted = tus("DELETE", upload, token).send();
    assertEquals(204, deleted.status(), deleted::toString);
    assertEquals(410, head(upload, token).status());
    Problems.assertProblem(patch(upload, token, 0, new byte[] {1}).send(), 410, "upload_gone");
    Problems.assertProblem(tus("DELETE", upload, token).send(), 410, "upload_gone");
  }

  @Test
  void anExpiredUploadIs410() throws SQLException {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI upload = create(token, 10, "expired.csv");
    String id = upload.getPath().substring(upload.getPath().lastIndexOf('/') + 1);
    try (Connection db = Database.connect();
        PreparedStatement expire =
            db.prepareStatement(
                "update resumable_uploads set expires_at = now() - interval '1 minute' where id = ?")) {
      expire.setObject(1, UUID.fromString(id));
      assertEquals(1, expire.executeUpdate());
    }
    assertEquals(410, head(upload, token).status());
    Problems.assertProblem(patch(upload, token, 0, new byte[] {1}).send(), 410, "upload_gone");
  }

  @Test
  void aDeferredLengthIsDeclaredWithALaterChunk() {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("deferred");
    ApiResponse created =
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Defer-Length", "1")
            .header("Upload-Metadata", metadata("deferred.csv"))
            .send();
    assertEquals(201, created.status(), created::toString);
    URI upload = URI.create(created.header("Location").orElseThrow());
    assertEquals("1", head(upload, token).header("Upload-Defer-Length").orElseThrow());
    assertEquals(204, patch(upload, token, 0, Arrays.copyOf(csv, 15)).send().status());
    ApiResponse last =
        patch(upload, token, 15, Arrays.copyOfRange(csv, 15, csv.length))
            .header("Upload-Length", Integer.toString(csv.length))
            .send();
    assertEquals(204, last.status(), last::toString);
    assertFalse(last.header("Upload-Job-Id").orElse("").isBlank(), last::toString);
  }

  @Test
  void methodOverrideTurnsAPostIntoAPatch() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI upload = create(token, 10, "override.csv");
    ApiResponse overridden =
        tus("POST", upload, token)
            .header("X-HTTP-Method-Override", "PATCH")
            .header("Upload-Offset", "0")
            .body(CHUNK, new byte[] {'a', ',', 'b'})
            .send();
    assertEquals(204, overridden.status(), overridden::toString);
    assertEquals("3", overridden.header("Upload-Offset").orElseThrow());
  }

  @Test
  void anotherTenantFindsNoUpload() {
    String token = Tokens.of(Tenants.fresh(), "member");
    URI upload = create(token, 10, "mine.csv");
    String stranger = Tokens.of(Tenants.fresh(), "admin");
    assertEquals(404, head(upload, stranger).status());
    Problems.assertProblem(
        patch(upload, stranger, 0, new byte[] {1}).send(), 404, "upload_not_found");
    Problems.assertProblem(tus("DELETE", upload, stranger).send(), 404, "upload_not_found");
    Problems.assertProblem(
        Api.call("GET", upload).bearer(stranger).send(), 404, "upload_not_found");
    assertEquals("0", head(upload, token).header("Upload-Offset").orElseThrow());
  }

  @Test
  void aViewerMayNotCreateAnUpload() {
    String tenant = Tenants.fresh();
    ApiResponse refused =
        tus("POST", TestEnvironment.apiUri("/upload/stream"), Tokens.of(tenant, "viewer"))
            .header("Upload-Length", "10")
            .header("Upload-Metadata", metadata("viewer.csv"))
            .send();
    Problems.assertProblem(refused, 403, "forbidden");
  }

  @Test
  void aSecondPatchWhileAChunkStreamsIs423AndTheFirstKeepsItsOffset() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("locked");
    URI upload = create(token, csv.length, "locked.csv");
    String lockKey = "fileparser:resumable:lock:" + Tus.id(upload);
    // A chunk that announces all the bytes and sends a few: the server holds the upload's lock
    // while it waits for the rest.
    try (Socket slow = new Socket(upload.getHost(), upload.getPort());
        JedisPooled redis = Broker.connect()) {
      slow.setSoTimeout(30_000);
      OutputStream out = slow.getOutputStream();
      out.write(Tus.rawPatchHead(upload, token, 0, csv.length));
      out.write(csv, 0, 10);
      out.flush();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!redis.exists(lockKey)) {
        assertTrue(System.currentTimeMillis() < deadline, "the first PATCH never took the lock");
        Thread.sleep(20);
      }

      ApiResponse second = patch(upload, token, 0, csv).send();
      Problems.assertProblem(second, 423, "upload_locked");
      assertEquals("1.0.0", second.header("Tus-Resumable").orElseThrow());
      assertEquals("0", head(upload, token).header("Upload-Offset").orElseThrow());

      out.write(csv, 10, csv.length - 10); // the first one ends and makes the job
      out.flush();
      String answer = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 204", answer);
    }
    JsonNode status = status(upload, token);
    assertEquals("completed", status.path("state").asText(), status::toString);
    assertEquals(SampleFiles.sha256(csv), status.path("sha256").asText());
  }

  @Test
  void theLockOfAWriterThatDiedIsReleasedByItsExpiry() throws Exception {
    String token = Tokens.of(Tenants.fresh(), "member");
    byte[] csv = SampleFiles.csv("stale-lock");
    URI upload = create(token, csv.length, "stale.csv");
    String lockKey = "fileparser:resumable:lock:" + Tus.id(upload);
    try (JedisPooled redis = Broker.connect()) {
      // What an instance killed while a chunk streamed leaves behind: its lock, with an expiry.
      redis.set(lockKey, "a-writer-that-died", SetParams.setParams().px(2_000));
      Problems.assertProblem(patch(upload, token, 0, csv).send(), 423, "upload_locked");
      long deadline = System.currentTimeMillis() + 10_000;
      while (redis.exists(lockKey)) {
        assertTrue(System.currentTimeMillis() < deadline, "the stale lock never expired");
        Thread.sleep(100);
      }
    }
    ApiResponse resumed = patch(upload, token, 0, csv).send();
    assertEquals(204, resumed.status(), resumed::toString);
    assertFalse(resumed.header("Upload-Job-Id").orElse("").isBlank(), resumed::toString);
  }

  @Test
  void theTenantsLiveSubscribersHearUploadProgressThrottledAndNoOtherTenantDoes() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] csv = largeCsv("progress", 40_000);
    try (EventSocket mine = EventSocket.bearer(Tokens.of(tenant, "viewer"));
        EventSocket stranger = EventSocket.bearer(Tokens.of(Tenants.fresh(), "admin"))) {
      mine.subscribeTenant("tenant");
      stranger.subscribeTenant("tenant");
      URI upload = create(token, csv.length, "progress.csv");
      String id = Tus.id(upload).toString();
      int chunk = csv.length / 10 + 1;
      int chunks = 0;
      for (int offset = 0; offset < csv.length; offset += chunk, chunks++) {
        byte[] part = Arrays.copyOfRange(csv, offset, Math.min(csv.length, offset + chunk));
        assertEquals(204, patch(upload, token, offset, part).send().status());
      }

      List<JsonNode> events = new ArrayList<>();
      JsonNode event;
      do {
        event =
            mine.next(
                m ->
                    "upload.progress".equals(m.path("type").asText())
                        && id.equals(m.path("uploadId").asText()),
                Duration.ofSeconds(20));
        events.add(event);
      } while (event.path("data").path("state").asText().equals("receiving"));
      JsonNode last = event.path("data");
      assertEquals("completed", last.path("state").asText(), events::toString);
      assertEquals(csv.length, last.path("bytesReceived").asLong(), events::toString);
      assertEquals(100, last.path("percent").asInt(), events::toString);
      assertEquals(status(upload, token).path("jobId").asText(), last.path("jobId").asText());
      assertEquals(tenant, event.path("tenantId").asText());
      assertTrue(events.size() >= 2, () -> "a reading while receiving, then the end: " + events);
      assertTrue(
          events.size() < chunks,
          () -> "at most one reading a second, not one per chunk: " + events);
      long previous = 0;
      for (JsonNode reading : events) {
        long received = reading.path("data").path("bytesReceived").asLong();
        assertTrue(received > previous, () -> "bytes only grow: " + events);
        previous = received;
      }
      assertTrue(
          stranger.drain(Duration.ofSeconds(1)).stream()
              .noneMatch(m -> id.equals(m.path("uploadId").asText())),
          "another tenant hears nothing of the upload");
    }
  }

  private static Api.Call tus(String method, URI uri, String token) {
    return Api.call(method, uri).bearer(token).header("Tus-Resumable", "1.0.0");
  }

  private static Api.Call patch(URI upload, String token, long offset, byte[] chunk) {
    return tus("PATCH", upload, token)
        .header("Upload-Offset", Long.toString(offset))
        .body(CHUNK, chunk);
  }

  private static ApiResponse head(URI upload, String token) {
    return tus("HEAD", upload, token).send();
  }

  private static URI create(String token, long length, String filename) {
    ApiResponse created =
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", Long.toString(length))
            .header("Upload-Metadata", metadata(filename))
            .send();
    assertEquals(201, created.status(), created::toString);
    return URI.create(created.header("Location").orElseThrow());
  }

  private static URI createWith(String token, long length, String uploadMetadata) {
    ApiResponse created =
        tus("POST", TestEnvironment.apiUri("/upload/stream"), token)
            .header("Upload-Length", Long.toString(length))
            .header("Upload-Metadata", uploadMetadata)
            .send();
    assertEquals(201, created.status(), created::toString);
    return URI.create(created.header("Location").orElseThrow());
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode status(URI upload, String token) {
    ApiResponse status = Api.call("GET", upload).bearer(token).send();
    assertEquals(200, status.status(), status::toString);
    return status.json();
  }

  private static String metadata(String filename) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "filename "
        + b64.encodeToString(filename.getBytes(StandardCharsets.UTF_8))
        + ",filetype "
        + b64.encodeToString("text/csv".getBytes(StandardCharsets.UTF_8));
  }

  private static String digest(String algorithm, byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(bytes));
  }
}
