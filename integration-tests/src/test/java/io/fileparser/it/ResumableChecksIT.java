package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scan and the validation of a resumable upload read its chunks as they are staged, and the
 * complete upload is not read back to be checked: what they find must be what reading it back
 * finds, with the same precedence (malware first), and a refusal leaves nothing stored. A chunk
 * that breaks off keeps what arrived, and the checks go on from there. Where the chunks came
 * otherwise (gzip) the upload is read back, with the same outcome. Which way each upload went is
 * read from {@code fileparser_resumable_checks_total} (system tests run one at a time, so its
 * growth during a test is the test's).
 */
class ResumableChecksIT {

  private static final int SIZE = 3 * 1024 * 1024 + 17;
  private static final int CHUNK = 1024 * 1024 + 5;

  @Test
  void chunksAreCheckedAsTheyArriveAndTheUploadIsNotReadBack() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    ResumableCheckCounts before = ResumableCheckCounts.now();

    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());
    ApiResponse last = sendInChunks(upload, token, csv.bytes());

    assertEquals(204, last.status(), last::toString);
    String jobId = last.header("Upload-Job-Id").orElseThrow();
    JsonNode file = Jobs.status(token, jobId).path("file");
    String sha256 = SampleFiles.sha256(csv.bytes());
    assertEquals(sha256, file.path("sha256").asText(), file::toString);
    assertEquals("CSV", file.path("format").asText(), file::toString);
    assertEquals(csv.bytes().length, file.path("size").asLong());
    byte[] stored = Files.readAllBytes(FileStore.storedFile(tenant, sha256));
    assertArrayEquals(csv.bytes(), AtRestEncryption.decrypt(stored), "stored as sent");
    JsonNode facts = LargeCsv.validationFacts(tenant);
    assertEquals(csv.rows(), facts.path("rows").asLong(), facts::toString);
    assertEquals(4, facts.path("columns").asInt(), facts::toString);
    assertEquals(sha256, Tus.status(upload, token).path("sha256").asText());
    assertEquals(new ResumableCheckCounts(1, 0), ResumableCheckCounts.now().minus(before));
  }

  @Test
  void anUploadInOneChunkIsCheckedAsItArrives() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    ResumableCheckCounts before = ResumableCheckCounts.now();

    ApiResponse created =
        Tus.create(token, csv.bytes().length, "whole.csv").body(Tus.CHUNK, csv.bytes()).send();

    assertEquals(201, created.status(), created::toString);
    assertEquals(Integer.toString(csv.bytes().length), created.header("Upload-Offset").get());
    String jobId = created.header("Upload-Job-Id").orElseThrow();
    assertEquals(
        SampleFiles.sha256(csv.bytes()),
        Jobs.status(token, jobId).path("file").path("sha256").asText());
    assertEquals(csv.rows(), LargeCsv.validationFacts(tenant).path("rows").asLong());
    assertEquals(new ResumableCheckCounts(1, 0), ResumableCheckCounts.now().minus(before));
  }

  @Test
  void raggedRowsInALaterChunkFailTheUploadOnItsLastChunkAndNothingIsStored() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    Leftovers leftovers = Leftovers.watch(tenant);
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 2 * 1024 * 1024, null);
    ResumableCheckCounts before = ResumableCheckCounts.now();

    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());
    JsonNode problem =
        Problems.assertProblem(sendInChunks(upload, token, csv.bytes()), 422, "csv_ragged_rows");

    assertTrue(problem.path("raggedRows").asLong() > 0, problem::toString);
    JsonNode status = Tus.status(upload, token);
    assertEquals("failed", status.path("state").asText(), status::toString);
    leftovers.assertNone();
    assertEquals(new ResumableCheckCounts(1, 0), ResumableCheckCounts.now().minus(before));
  }

  @Test
  void malwareInALaterChunkIsReportedBeforeTheFormatsProblems() {
    LargeCsv.assumeDevelopmentSignatures();
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    Leftovers leftovers = Leftovers.watch(tenant);
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 2 * 1024 * 1024, SampleFiles.eicar());

    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());
    JsonNode problem =
        Problems.assertProblem(sendInChunks(upload, token, csv.bytes()), 422, "malware_detected");

    assertTrue(problem.path("signature").asText().contains("Eicar"), problem::toString);
    leftovers.assertNone();
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(r -> "malware.rejected".equals(r.get("action"))));
  }

  @Test
  void afterAChunkBrokeOffWhatArrivedIsKeptAndItsChecksGoOnWithTheNextChunk() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    ResumableCheckCounts before = ResumableCheckCounts.now();
    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "broken.csv").send());
    assertEquals(
        204, Tus.patch(upload, token, 0, Arrays.copyOf(csv.bytes(), CHUNK)).send().status());

    // The second chunk announces a megabyte and the connection closes after a few kilobytes.
    try (Socket socket = new Socket(upload.getHost(), upload.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(Tus.rawPatchHead(upload, token, CHUNK, CHUNK));
      out.write(csv.bytes(), CHUNK, 8192);
      out.flush();
    }
    ApiResponse last = null;
    long offset = -1;
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      offset = Long.parseLong(Tus.head(upload, token).header("Upload-Offset").orElseThrow());
      last =
          Tus.patch(upload, token, offset, Arrays.copyOfRange(csv.bytes(), (int) offset, 2 * CHUNK))
              .send();
      if (last.status() != 423 && last.status() != 409) {
        break; // 423 while the broken request still holds the upload, 409 as it recorded it
      }
      Jobs.sleep(200);
    }
    assertEquals(204, last.status(), last::toString);
    assertEquals(CHUNK + 8192, offset, "what arrived of the broken chunk was kept");
    ApiResponse end =
        Tus.patch(
                upload,
                token,
                2 * CHUNK,
                Arrays.copyOfRange(csv.bytes(), 2 * CHUNK, csv.bytes().length))
            .send();

    assertEquals(204, end.status(), end::toString);
    String sha256 = SampleFiles.sha256(csv.bytes());
    assertEquals(
        sha256,
        Jobs.status(token, end.header("Upload-Job-Id").orElseThrow())
            .path("file")
            .path("sha256")
            .asText());
    assertEquals(csv.rows(), LargeCsv.validationFacts(tenant).path("rows").asLong());
    assertEquals(sha256, Tus.status(upload, token).path("sha256").asText());
    assertEquals(new ResumableCheckCounts(1, 0), ResumableCheckCounts.now().minus(before));
  }

  @Test
  void aGzipUploadIsReadBackAndStoredDecompressed() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    byte[] gz = LargeCsv.gzip(csv.bytes());
    ResumableCheckCounts before = ResumableCheckCounts.now();

    URI upload = Tus.created(Tus.create(token, gz.length, "calls.csv.gz").send());
    ApiResponse last = Tus.patch(upload, token, 0, Arrays.copyOf(gz, gz.length / 2)).send();
    assertEquals(204, last.status(), last::toString);
    last =
        Tus.patch(upload, token, gz.length / 2, Arrays.copyOfRange(gz, gz.length / 2, gz.length))
            .send();

    assertEquals(204, last.status(), last::toString);
    JsonNode file = Jobs.status(token, last.header("Upload-Job-Id").orElseThrow()).path("file");
    assertEquals(SampleFiles.sha256(csv.bytes()), file.path("sha256").asText(), file::toString);
    assertTrue(LargeCsv.validationFacts(tenant).path("decompressedFromGzip").asBoolean());
    assertEquals(
        SampleFiles.sha256(gz),
        Tus.status(upload, token).path("sha256").asText(),
        "the upload's SHA-256 is of the bytes sent");
    assertEquals(new ResumableCheckCounts(0, 1), ResumableCheckCounts.now().minus(before));
  }

  @Test
  void anInterruptedAndTerminatedUploadLeavesNothingBehind() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    Leftovers leftovers = Leftovers.watch(tenant);
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);
    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());
    assertEquals(
        204, Tus.patch(upload, token, 0, Arrays.copyOf(csv.bytes(), CHUNK)).send().status());

    assertEquals(204, Tus.call("DELETE", upload, token).send().status());

    Problems.assertProblem(
        Tus.patch(upload, token, CHUNK, Arrays.copyOfRange(csv.bytes(), CHUNK, csv.bytes().length))
            .send(),
        410,
        "upload_gone");
    leftovers.assertNone();
  }

  /** Sends {@code bytes} in chunks of {@link #CHUNK}; answers the last response. */
  @Test
  void aLastChunkThatPrefersRespondAsyncIsAnsweredBeforeTheVerdict() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, 64 * 1024 * 1024, 0, null);

    URI upload = Tus.created(Tus.create(token, csv.bytes().length, "calls.csv").send());
    ApiResponse last =
        Tus.patch(upload, token, 0, csv.bytes()).header("Prefer", "respond-async").send();

    assertEquals(204, last.status(), last::toString);
    assertEquals("respond-async", last.header("Preference-Applied").orElse(null), last::toString);
    String jobId = last.header("Upload-Job-Id").orElseThrow();
    // clamd scans a stream only after its last byte: the answer came before its verdict
    JsonNode queued = Jobs.awaitState(token, jobId, "QUEUED", Duration.ofSeconds(60));
    assertEquals(SampleFiles.sha256(csv.bytes()), queued.path("file").path("sha256").asText());
    History.assertInOrder(
        Jobs.history(token, jobId),
        "RECEIVED>SCANNING scanned",
        "SCANNING>SCANNING scanned",
        "SCANNING>QUEUED queued");
  }

  @Test
  void aSmallUploadWaitsForItsVerdictWhateverThePreference() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] csv = SampleFiles.csv("tus-small-" + tenant);

    ApiResponse created =
        Tus.create(token, csv.length, "calls.csv")
            .header("Prefer", "respond-async")
            .body(Tus.CHUNK, csv)
            .send();

    assertEquals(201, created.status(), created::toString);
    assertEquals(Optional.empty(), created.header("Preference-Applied"), created::toString);
    String jobId = created.header("Upload-Job-Id").orElseThrow();
    assertNotEquals("SCANNING", Jobs.status(token, jobId).path("state").asText());
  }

  private static ApiResponse sendInChunks(URI upload, String token, byte[] bytes) {
    ApiResponse response = null;
    for (int offset = 0; offset < bytes.length; offset += CHUNK) {
      int end = Math.min(bytes.length, offset + CHUNK);
      response = Tus.patch(upload, token, offset, Arrays.copyOfRange(bytes, offset, end)).send();
      if (end < bytes.length) {
        assertEquals(204, response.status(), response::toString);
      }
    }
    return response;
  }
}
