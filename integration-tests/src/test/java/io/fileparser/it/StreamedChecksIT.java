package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Files larger than the in-memory size of the upload pipeline (1 MiB) are scanned and validated
 * beside the store as their bytes stream in, in one pass: what those checks find must be what they
 * would find reading the stored file, with the same precedence (malware first), and a refusal still
 * leaves nothing stored.
 */
class StreamedChecksIT {

  private static final int SIZE = 3 * 1024 * 1024 + 17;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLargeCsvIsStoredAsSentWithTheFactsOfEveryRow() throws Exception {
    String tenant = Tenants.fresh();
    Csv csv = csv(tenant, SIZE, 0, null);

    ApiResponse response = upload(tenant, "calls.csv", csv.bytes());

    assertEquals(201, response.status(), response::toString);
    JsonNode file = response.json().path("file");
    assertEquals("CSV", file.path("format").asText(), file::toString);
    assertEquals(csv.bytes().length, file.path("size").asLong());
    String sha256 = SampleFiles.sha256(csv.bytes());
    assertEquals(sha256, file.path("sha256").asText());
    byte[] stored = Files.readAllBytes(FileStore.storedFile(tenant, sha256));
    assertArrayEquals(csv.bytes(), AtRestEncryption.decrypt(stored), "stored as sent");
    JsonNode facts = validationFacts(tenant);
    assertEquals(csv.rows(), facts.path("rows").asLong(), facts::toString);
    assertEquals(4, facts.path("columns").asInt(), facts::toString);
  }

  @Test
  void raggedRowsFarPastTheFirstMegabyteAreRefusedAndNothingStored() {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    // The first 2 MiB are clean; the damage is where only the streamed validation reads.
    Csv csv = csv(tenant, SIZE, 2 * 1024 * 1024, null);

    JsonNode problem =
        Problems.assertProblem(upload(tenant, "calls.csv", csv.bytes()), 422, "csv_ragged_rows");

    assertTrue(problem.path("raggedRows").asLong() > 0, problem::toString);
    leftovers.assertNone();
  }

  @Test
  void malwarePastTheFirstMegabyteIsReportedBeforeTheFormatsProblems() {
    assumeDevelopmentSignatures();
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    Csv csv = csv(tenant, SIZE, 2 * 1024 * 1024, SampleFiles.eicar());

    JsonNode problem =
        Problems.assertProblem(upload(tenant, "calls.csv", csv.bytes()), 422, "malware_detected");

    assertTrue(problem.path("signature").asText().contains("Eicar"), problem::toString);
    leftovers.assertNone();
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(r -> "malware.rejected".equals(r.get("action"))));
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
    Csv csv = csv(tenant, SIZE, 0, null);

    ApiResponse response = upload(tenant, "calls.csv.gz", gzip(csv.bytes()));

    assertEquals(201, response.status(), response::toString);
    JsonNode file = response.json().path("file");
    assertEquals(csv.bytes().length, file.path("size").asLong());
    assertEquals(SampleFiles.sha256(csv.bytes()), file.path("sha256").asText());
    JsonNode facts = validationFacts(tenant);
    assertEquals(csv.rows(), facts.path("rows").asLong(), facts::toString);
    assertTrue(facts.path("decompressedFromGzip").asBoolean(), facts::toString);
  }

  @Test
  void aLargeRawBodyIsCheckedAsItStreams() throws Exception {
    String tenant = Tenants.fresh();
    Csv csv = csv(tenant, SIZE, 0, null);

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

  /** A CSV of {@code size} bytes; from {@code damageFrom} on, ragged rows (and {@code marker}). */
  private static Csv csv(String tenant, int size, int damageFrom, byte[] marker) {
    StringBuilder text = new StringBuilder("invoice,customer,amount,date\n");
    long rows = 0;
    boolean marked = false;
    while (text.length() < size) {
      if (damageFrom > 0 && text.length() >= damageFrom && rows % 5 == 0) {
        text.append("INV-").append(rows).append(",broken,row,with,too,many,fields\n");
        if (marker != null && !marked) {
          text.append(new String(marker, StandardCharsets.US_ASCII)).append('\n');
          marked = true;
        }
      } else {
        text.append("INV-")
            .append(rows)
            .append(",Customer ")
            .append(rows % 997)
            .append(',')
            .append(rows % 5000)
            .append('.')
            .append(String.format("%02d", rows % 100))
            .append(",2026-01-")
            .append(String.format("%02d", 1 + rows % 28))
            .append('\n');
      }
      rows++;
    }
    // The tenant's own last record: no two tests upload the same bytes.
    text.append("INV-").append(rows).append(',').append(tenant).append(",1.00,2026-01-01\n");
    return new Csv(
        text.toString().getBytes(StandardCharsets.US_ASCII), rows + 1 + (marked ? 1 : 0));
  }

  private record Csv(byte[] bytes, long rows) {}

  private static JsonNode validationFacts(String tenant) throws SQLException, IOException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement("select validation_facts from stored_files where tenant_id = ?")) {
      st.setString(1, tenant);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "a stored file of " + tenant);
        return JSON.readTree(rs.getString(1));
      }
    }
  }

  /** The embedded-EICAR signature is the development database's (payara/clamd). */
  private static void assumeDevelopmentSignatures() {
    Path official = Path.of("/var/lib/clamav");
    boolean officialInstalled;
    try (var files = Files.list(official)) {
      officialInstalled = files.anyMatch(p -> p.toString().matches(".*\\.c[vl]d"));
    } catch (IOException e) {
      officialInstalled = false;
    }
    assumeTrue(!officialInstalled, "clamd runs the official signatures here");
  }

  private static ApiResponse upload(String tenant, String name, byte[] content) {
    return Uploads.multipart(Tokens.of(tenant, "member"), Multipart.file(name, content));
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }
}
