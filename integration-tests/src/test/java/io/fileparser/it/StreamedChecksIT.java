package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Files larger than the in-memory size of the upload pipeline (1 MiB) are scanned and validated
 * beside the store as their bytes stream in, in one pass: what those checks find must be what they
 * would find reading the stored file, with the same precedence (malware first), and a refusal still
 * leaves nothing stored.
 */
class StreamedChecksIT {

  private static final int SIZE = 3 * 1024 * 1024 + 17;

  /** Large enough that clamd's verdict comes well after the last byte. */
  private static final int LATE_VERDICT_SIZE = 64 * 1024 * 1024;

  @Test
  void aLargeCsvIsStoredAsSentWithTheFactsOfEveryRow() throws Exception {
    String tenant = Tenants.fresh();
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);

    ApiResponse response = upload(tenant, "calls.csv", csv.bytes());

    assertEquals(201, response.status(), response::toString);
    JsonNode file = response.json().path("file");
    assertEquals("CSV", file.path("format").asText(), file::toString);
    assertEquals(csv.bytes().length, file.path("size").asLong());
    String sha256 = SampleFiles.sha256(csv.bytes());
    assertEquals(sha256, file.path("sha256").asText());
    byte[] stored = Files.readAllBytes(FileStore.storedFile(tenant, sha256));
    assertArrayEquals(csv.bytes(), AtRestEncryption.decrypt(stored), "stored as sent");
    JsonNode facts = LargeCsv.validationFacts(tenant);
    assertEquals(csv.rows(), facts.path("rows").asLong(), facts::toString);
    assertEquals(4, facts.path("columns").asInt(), facts::toString);
  }

  @Test
  void raggedRowsFarPastTheFirstMegabyteAreRefusedAndNothingStored() {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    // The first 2 MiB are clean; the damage is where only the streamed validation reads.
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 2 * 1024 * 1024, null);

    JsonNode problem =
        Problems.assertProblem(upload(tenant, "calls.csv", csv.bytes()), 422, "csv_ragged_rows");

    assertTrue(problem.path("raggedRows").asLong() > 0, problem::toString);
    leftovers.assertNone();
  }

  @Test
  void malwarePastTheFirstMegabyteIsReportedBeforeTheFormatsProblems() {
    LargeCsv.assumeDevelopmentSignatures();
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 2 * 1024 * 1024, SampleFiles.eicar());

    JsonNode problem =
        Problems.assertProblem(upload(tenant, "calls.csv", csv.bytes()), 422, "malware_detected");

    assertTrue(problem.path("signature").asText().contains("Eicar"), problem::toString);
    leftovers.assertNone();
    assertMalwareRejectionAudited(tenant);
  }

  @Test
  void aLargeFileOfAnUnsupportedFormatIsRefusedAndNothingStored() {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    byte[] noise = new byte[SIZE];
    new Random(7).nextBytes(noise);

    Problems.assertProblem(upload(tenant, "noise.csv", noise), 415, "unsupported_format");
    leftovers.assertNone();
  }

  @Test
  void aLargeGzipCsvIsCheckedAndStoredDecompressed() throws Exception {
    String tenant = Tenants.fresh();
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);

    ApiResponse response = upload(tenant, "calls.csv.gz", LargeCsv.gzip(csv.bytes()));

    assertEquals(201, response.status(), response::toString);
    JsonNode file = response.json().path("file");
    assertEquals(csv.bytes().length, file.path("size").asLong());
    assertEquals(SampleFiles.sha256(csv.bytes()), file.path("sha256").asText());
    JsonNode facts = LargeCsv.validationFacts(tenant);
    assertEquals(csv.rows(), facts.path("rows").asLong(), facts::toString);
    assertTrue(facts.path("decompressedFromGzip").asBoolean(), facts::toString);
  }

  @Test
  void aLargeRawBodyIsCheckedAsItStreams() throws Exception {
    String tenant = Tenants.fresh();
    LargeCsv csv = LargeCsv.of(tenant, SIZE, 0, null);

    ApiResponse raw =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .header("Content-Disposition", "attachment; filename=\"calls.csv\"")
            .body("text/csv", csv.bytes())
            .send();

    assertEquals(201, raw.status(), raw::toString);
    assertEquals(
        SampleFiles.sha256(csv.bytes()),
        raw.json().path("file").path("sha256").asText(),
        raw::toString);
  }

  @Test
  void aLargeFileAnsweredBeforeItsVerdictIsQueuedWhenTheVerdictComesClean() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    LargeCsv csv = LargeCsv.of(tenant, LATE_VERDICT_SIZE, 0, null);

    ApiResponse response = uploadAsync(token, csv.bytes());

    assertEquals(201, response.status(), response::toString);
    assertEquals("respond-async", response.header("Preference-Applied").orElse(null));
    JsonNode job = response.json();
    // clamd scans a stream only after its last byte: tens of MiB take it a good part of a second
    assertEquals("SCANNING", job.path("state").asText(), job::toString);
    String sha256 = SampleFiles.sha256(csv.bytes());
    assertEquals(sha256, job.path("file").path("sha256").asText());

    JsonNode queued =
        Jobs.awaitState(token, job.path("id").asText(), "QUEUED", Duration.ofSeconds(60));
    assertEquals("clean", step(queued, "scanned"), queued::toString);
    byte[] stored = Files.readAllBytes(FileStore.storedFile(tenant, sha256));
    assertArrayEquals(csv.bytes(), AtRestEncryption.decrypt(stored), "placed as sent");
    History.assertInOrder(
        Jobs.history(token, job.path("id").asText()),
        "RECEIVED>RECEIVED validated",
        "RECEIVED>SCANNING scanned",
        "SCANNING>SCANNING scanned",
        "SCANNING>QUEUED queued");
  }

  @Test
  void aSmallFileWaitsForItsVerdictAndSaysThePreferenceWasNotApplied() {
    String tenant = Tenants.fresh();

    ApiResponse response =
        uploadAsync(Tokens.of(tenant, "member"), SampleFiles.csv("small-" + tenant));

    assertEquals(201, response.status(), response::toString);
    assertEquals(Optional.empty(), response.header("Preference-Applied"), response::toString);
    JsonNode job = response.json();
    assertNotEquals("SCANNING", job.path("state").asText(), job::toString);
    assertEquals("clean", step(job, "scanned"), job::toString);
  }

  @Test
  void malwareFoundAfterTheAnswerFailsTheJobAndRemovesTheBytes() throws Exception {
    LargeCsv.assumeDevelopmentSignatures();
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] clean = LargeCsv.of(tenant, LATE_VERDICT_SIZE, 0, null).bytes();
    // One line of EICAR deep in a valid CSV: within its ragged-row tolerance, so only the
    // scanner refuses it.
    int at = clean.length - 1024;
    while (clean[at - 1] != '\n') {
      at--;
    }
    byte[] eicar =
        (new String(SampleFiles.eicar(), StandardCharsets.US_ASCII) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] infected = new byte[clean.length + eicar.length];
    System.arraycopy(clean, 0, infected, 0, at);
    System.arraycopy(eicar, 0, infected, at, eicar.length);
    System.arraycopy(clean, at, infected, at + eicar.length, clean.length - at);

    ApiResponse response = uploadAsync(token, infected);

    assertEquals(201, response.status(), response::toString);
    JsonNode job = response.json();
    assertEquals("SCANNING", job.path("state").asText(), job::toString);
    JsonNode failed =
        Jobs.awaitState(token, job.path("id").asText(), "FAILED", Duration.ofSeconds(60));
    assertEquals(
        "malware_detected", failed.path("error").path("category").asText(), failed::toString);
    assertTrue(FileStore.tenantFiles(tenant).isEmpty(), "nothing placed under tenants/");
    assertMalwareRejectionAudited(tenant);
  }

  @Test
  void bytesStoredAlreadyAreQueuedAtOnceAndTheCopyWhoseVerdictCameLateIsRemoved() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    byte[] content = LargeCsv.of(tenant, LATE_VERDICT_SIZE, 0, null).bytes();
    String first = uploadAsync(token, content).json().path("id").asText();
    Jobs.awaitState(token, first, "QUEUED", Duration.ofSeconds(60));
    Set<Path> staged = Set.copyOf(FileStore.stagedParts());

    ApiResponse again = uploadAsync(token, content);

    assertEquals(201, again.status(), again::toString);
    JsonNode job = again.json();
    // the stored file's verdict holds for the same bytes: nothing would scan them again
    assertEquals("QUEUED", job.path("state").asText(), job::toString);
    assertEquals(first, job.path("duplicateOf").path("jobId").asText(), job::toString);
    Set<Path> left = new HashSet<>(FileStore.stagedParts());
    for (int i = 0; i < 150 && !staged.containsAll(left); i++) {
      Jobs.sleep(200); // the copy goes once clamd has given its verdict on it
      left = new HashSet<>(FileStore.stagedParts());
    }
    left.removeAll(staged);
    assertEquals(Set.of(), left, "the second upload's staged copy is removed");
    assertEquals(1, FileStore.tenantFiles(tenant).size(), "the bytes are stored once");
  }

  private static void assertMalwareRejectionAudited(String tenant) {
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(r -> "malware.rejected".equals(r.get("action"))),
        () -> "audit: " + Database.auditRecords(tenant));
  }

  private static ApiResponse uploadAsync(String token, byte[] content) {
    return Api.post("/upload")
        .bearer(token)
        .header("Content-Disposition", "attachment; filename=\"calls.csv\"")
        .header("Prefer", "respond-async")
        .body("text/csv", content)
        .send();
  }

  private static String step(JsonNode job, String name) {
    for (JsonNode step : job.path("steps")) {
      if (name.equals(step.path("name").asText())) {
        return step.path("detail").asText();
      }
    }
    return null;
  }

  private static ApiResponse upload(String tenant, String name, byte[] content) {
    return Uploads.multipart(Tokens.of(tenant, "member"), Multipart.file(name, content));
  }
}
