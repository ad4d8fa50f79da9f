package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Every upload is scanned by a real clamd (payara/run starts one with the EICAR test signature) and
 * checked deeply by format; refusals are clear problems and leave nothing stored.
 */
class ScanAndValidationIT {

  @Test
  void eicarNamedInvoicePdfIsRejectedAuditedAndNotStored() {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);

    ApiResponse response = upload(tenant, "invoice.pdf", SampleFiles.eicar());

    JsonNode problem = Problems.assertProblem(response, 422, "malware_detected");
    assertTrue(problem.path("signature").asText().contains("Eicar"), problem::toString);
    leftovers.assertNone();
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(r -> "malware.rejected".equals(r.get("action"))),
        () -> "audit: " + Database.auditRecords(tenant));
  }

  @Test
  void eicarIsQuarantinedWhenTheTenantKeepsInfectedFiles() throws Exception {
    String tenant = Tenants.fresh();
    setScanPolicy(tenant, "quarantine");

    ApiResponse response = upload(tenant, "invoice.pdf", SampleFiles.eicar());

    assertEquals(201, response.status(), response::toString);
    JsonNode job = response.json();
    assertEquals("QUARANTINED", job.path("state").asText(), job::toString);
    assertEquals("malware_detected", job.path("error").path("category").asText(), job::toString);
    Path quarantine = FileStore.root().resolve("quarantine").resolve(tenant);
    try (Stream<Path> files = Files.walk(quarantine)) {
      assertEquals(1, files.filter(Files::isRegularFile).count(), "kept in quarantine");
    }
    assertTrue(FileStore.tenantFiles(tenant).isEmpty(), "nothing under tenants/");
    assertEquals(0, countOutbox(job.path("id").asText()), "a quarantined job is never dispatched");
    assertTrue(
        Database.auditRecords(tenant).stream()
            .anyMatch(r -> "malware.quarantined".equals(r.get("action"))));
  }

  @Test
  void gzipCompressedCsvIsStoredDecompressed() throws IOException {
    String tenant = Tenants.fresh();
    byte[] csv = SampleFiles.csv(tenant);

    ApiResponse response = upload(tenant, "invoices.csv.gz", gzip(csv));

    assertEquals(201, response.status(), response::toString);
    JsonNode file = response.json().path("file");
    assertEquals("CSV", file.path("format").asText());
    assertEquals(csv.length, file.path("size").asLong());
    assertEquals(SampleFiles.sha256(csv), file.path("sha256").asText());
  }

  @Test
  void gzipBombIsRefusedAndNothingStored() throws IOException {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        out.write(zeros);
      }
    }

    Problems.assertProblem(upload(tenant, "calls.csv.gz", bomb.toByteArray()), 413, "gzip_bomb");
    leftovers.assertNone();
  }

  @Test
  void gzipOfTooManyMembersIsRefusedAndNothingStored() throws IOException {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    // 200,000 empty members (4 MB): each decompresses to nothing, so no ratio or size limit trips;
    // the member limit (1000 by default) does.
    byte[] empty = gzip(new byte[0]);
    ByteArrayOutputStream flood = new ByteArrayOutputStream();
    flood.writeBytes(gzip(SampleFiles.csv(tenant)));
    for (int i = 0; i < 200_000; i++) {
      flood.writeBytes(empty);
    }

    JsonNode problem =
        Problems.assertProblem(
            upload(tenant, "calls.csv.gz", flood.toByteArray()), 413, "gzip_bomb");
    assertEquals(1000, problem.path("maxMembers").asInt(), problem::toString);
    leftovers.assertNone();
  }

  @Test
  void gzipWithTrailingGarbageIsRefusedAndNothingStored() throws IOException {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(gzip(SampleFiles.csv(tenant)));
    body.writeBytes("INV-999,Appended,1.00,2026-01-09\n".getBytes(StandardCharsets.UTF_8));

    Problems.assertProblem(
        upload(tenant, "invoices.csv.gz", body.toByteArray()), 400, "gzip_corrupt");
    leftovers.assertNone();
  }

  @Test
  void pdfWithJavaScriptIsRefused() {
    String tenant = Tenants.fresh();
    Leftovers leftovers = Leftovers.watch(tenant);
    JsonNode problem =
        Problems.assertProblem(
            upload(tenant, "form.pdf", SampleFiles.pdfWithJavaScript()), 422, "pdf_active_content");
    assertFalse(problem.path("detail").asText().isEmpty());
    leftovers.assertNone();
  }

  @Test
  void truncatedPdfIsRefused() {
    String tenant = Tenants.fresh();
    byte[] pdf = SampleFiles.pdf();
    Problems.assertProblem(
        upload(tenant, "cut.pdf", Arrays.copyOf(pdf, pdf.length / 2)), 422, "pdf_malformed");
  }

  @Test
  void csvWithRaggedRowsIsRefusedWithTheFirstBadLine() {
    String tenant = Tenants.fresh();
    StringBuilder csv = new StringBuilder("id,name,amount,date\n");
    for (int i = 0; i < 200; i++) {
      csv.append(i).append(",name ").append(i).append(",").append(i).append(".50,2026-01-05\n");
      if (i % 10 == 9) {
        csv.append(i).append(",broken,row,with,too,many,fields\n");
      }
    }
    JsonNode problem =
        Problems.assertProblem(
            upload(tenant, "ragged.csv", csv.toString().getBytes(StandardCharsets.UTF_8)),
            422,
            "csv_ragged_rows");
    assertTrue(
        problem.has("raggedRows") || problem.toString().contains("ragged"), problem::toString);
  }

  @Test
  void pdfNamedCsvIsAFormatMismatch() {
    String tenant = Tenants.fresh();
    JsonNode problem =
        Problems.assertProblem(
            upload(tenant, "data.csv", SampleFiles.pdf()), 415, "format_mismatch");
    assertEquals("PDF", problem.path("detectedFormat").asText(), problem::toString);
  }

  @Test
  void renamedExecutableAndEmptyFileAreRefused() {
    String tenant = Tenants.fresh();
    Problems.assertProblem(
        upload(tenant, "report.pdf", SampleFiles.windowsExecutable()), 415, "unsupported_format");
    Problems.assertProblem(upload(tenant, "empty.csv", new byte[0]), 400, "empty_file");
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

  private static void setScanPolicy(String tenant, String policy) throws SQLException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement(
                "insert into tenants (id, tier, created_at, scan_policy) values (?, 'standard',"
                    + " now(), ?) on conflict (id) do update set scan_policy = excluded.scan_policy")) {
      st.setString(1, tenant);
      st.setString(2, policy);
      st.executeUpdate();
    }
  }

  private static long countOutbox(String jobId) throws SQLException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement("select count(*) from dispatch_outbox where job_id = ?::uuid")) {
      st.setString(1, jobId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
