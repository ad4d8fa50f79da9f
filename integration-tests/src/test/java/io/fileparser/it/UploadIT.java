package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadIT {

  private static final String METADATA =
      "{\"customer\":\"Acme Corp\",\"tags\":[\"q1\",\"urgent\"],\"batch\":{\"n\":7,\"ok\":true}}";

  @Test
  void queuesCsvUploadAndShowsTheSameJobAtItsStatusUrl() throws IOException {
    String tenant = Tenants.fresh();
    byte[] csv = SampleFiles.csv("queues-csv");
    ApiResponse response =
        Uploads.multipart(Tokens.of(tenant, "member"), Multipart.file("invoices.csv", csv));

    JsonNode job = Uploads.created(response);
    assertEquals("QUEUED", job.path("state").asText());
    assertEquals(5, job.path("priority").asInt(), "default priority");
    assertEquals("invoices.csv", job.path("filename").asText());
    assertFalse(job.path("submittedBy").asText().isBlank());
    for (String member : List.of("createdAt", "updatedAt", "queuedAt")) {
      assertTrue(job.path(member).isTextual(), member + " in " + job);
    }
    for (String omitted : List.of("templateId", "metadata", "duplicateOf", "error")) {
      assertFalse(job.has(omitted), omitted + " should be omitted when null: " + job);
    }
    assertFile(job, csv, "CSV", "text/csv");
    assertEquals(
        List.of(
            "received:DONE",
            "stored:DONE",
            "scanned:DONE",
            "validated:DONE",
            "queued:DONE",
            "parsed:PENDING"),
        steps(job));

    String location = response.header("Location").orElseThrow();
    assertEquals(
        TestEnvironment.apiUri("/status/" + job.path("id").asText()), URI.create(location));
    ApiResponse status =
        Api.call("GET", URI.create(location)).bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(200, status.status(), () -> "status answered " + status);
    assertSameJob(job, status.json());
    assertStoredOnDisk(tenant, csv);
  }

  @Test
  void newJobIsQueuedWithItsFirstAttemptScheduled() {
    JsonNode job = Uploads.create(Tenants.fresh(), "fresh.csv", SampleFiles.csv("no-attempts"));

    assertEquals("QUEUED", job.path("state").asText(), job::toString);
    // The first attempt is written to the dispatch outbox with the job, in one transaction.
    assertEquals(1, job.path("attempts").asInt(), job::toString);
  }

  @Test
  void recognisesPdfByContentAndStoresItsExactBytes() throws IOException {
    String tenant = Tenants.fresh();
    byte[] pdf = SampleFiles.pdf();
    JsonNode job = Uploads.create(tenant, "scan.pdf", pdf);

    assertFile(job, pdf, "PDF", "application/pdf");
    assertStoredOnDisk(tenant, pdf);
  }

  @Test
  void recognisesAsteriskMasterCsvAsCallRecords() throws IOException {
    String tenant = Tenants.fresh();
    byte[] cdr = SampleFiles.asteriskCdr();
    JsonNode job = Uploads.create(tenant, "Master.csv", cdr);

    assertEquals("CDR", job.path("file").path("format").asText(), job::toString);
    assertEquals(SampleFiles.sha256(cdr), job.path("file").path("sha256").asText());
    assertEquals(cdr.length, job.path("file").path("size").asLong());
    assertStoredOnDisk(tenant, cdr);
  }

  @Test
  void keepsPriorityTemplateAndMetadataOfTheForm() {
    String tenant = Tenants.fresh();
    String template = TemplatesIT.published(tenant, "invoice-v2");
    Multipart form =
        Multipart.form()
            .field("priority", "9")
            .field("templateId", template)
            .filePart("file", "invoices.csv", SampleFiles.csv("form-options"))
            .field("metadata", METADATA);
    JsonNode job = Uploads.created(Uploads.multipart(Tokens.of(tenant, "member"), form));

    assertEquals(9, job.path("priority").asInt());
    assertEquals(template, job.path("templateId").asText());
    assertEquals(json(METADATA), job.path("metadata"));
    JsonNode status = readStatus(tenant, job);
    assertEquals(job.path("metadata"), status.path("metadata"));
    assertEquals(9, status.path("priority").asInt());
    assertEquals(template, status.path("templateId").asText());
  }

  @Test
  void acceptsPriorityZeroAsLowest() {
    String tenant = Tenants.fresh();
    Multipart form =
        Multipart.file("low.csv", SampleFiles.csv("priority-zero")).field("priority", "0");
    JsonNode job = Uploads.created(Uploads.multipart(Tokens.of(tenant, "member"), form));

    assertEquals(0, job.path("priority").asInt(), job::toString);
  }

  @Test
  void acceptsRawBodyNamedByContentDispositionWithOptionsInTheQuery() throws IOException {
    String tenant = Tenants.fresh();
    byte[] csv = SampleFiles.csv("raw-body");
    String template = TemplatesIT.published(tenant, "raw");
    String query =
        "?priority=2&templateId="
            + template
            + "&templateVersion=1&metadata="
            + URLEncoder.encode(METADATA, StandardCharsets.UTF_8);
    ApiResponse response =
        Api.post("/upload" + query)
            .bearer(Tokens.of(tenant, "service"))
            .header("Content-Disposition", "attachment; filename=\"raw upload.csv\"")
            .body("application/octet-stream", csv)
            .send();

    JsonNode job = Uploads.created(response);
    assertEquals("raw upload.csv", job.path("filename").asText());
    assertEquals(2, job.path("priority").asInt());
    assertEquals(template, job.path("templateId").asText());
    assertEquals(1, job.path("templateVersion").asInt());
    assertEquals(json(METADATA), job.path("metadata"));
    assertFile(job, csv, "CSV", "text/csv");
    assertTrue(
        response.header("Location").orElseThrow().endsWith("/status/" + job.get("id").asText()));
    assertStoredOnDisk(tenant, csv);
  }

  @Test
  void contentDecidesWhenTheDeclaredTypeSaysNothing() {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .header("Content-Disposition", "attachment; filename=\"statement\"")
            .body("application/octet-stream", SampleFiles.pdf())
            .send();

    assertEquals("PDF", Uploads.created(response).path("file").path("format").asText());
  }

  @Test
  void declaredTypeThatContradictsTheContentIsAFormatMismatch() {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .header("Content-Disposition", "attachment; filename=\"statement.pdf\"")
            .body("text/plain", SampleFiles.pdf())
            .send();

    Problems.assertProblem(response, 415, "format_mismatch");
  }

  @Test
  void takesTheUtf8FilenameOfRfc8187() {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Api.post("/upload")
            .bearer(Tokens.of(tenant, "member"))
            .header(
                "Content-Disposition",
                "attachment; filename=\"Resume.csv\";"
                    + " filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%82%AC.csv")
            .body("text/csv", SampleFiles.csv("rfc8187"))
            .send();

    assertEquals("Résumé €.csv", Uploads.created(response).path("filename").asText());
  }

  /** The members that describe the upload itself; state and steps move on as the job runs. */
  private static void assertSameJob(JsonNode expected, JsonNode actual) {
    for (String member :
        List.of(
            "id",
            "priority",
            "filename",
            "templateId",
            "metadata",
            "file",
            "duplicateOf",
            "submittedBy",
            "createdAt",
            "queuedAt")) {
      assertEquals(expected.get(member), actual.get(member), () -> member + " of " + actual);
    }
  }

  private static void assertFile(JsonNode job, byte[] content, String format, String mimeType) {
    JsonNode file = job.path("file");
    assertFalse(file.path("id").asText().isBlank(), () -> "file id in " + job);
    assertEquals(SampleFiles.sha256(content), file.path("sha256").asText(), job::toString);
    assertEquals(content.length, file.path("size").asLong(), job::toString);
    assertEquals(format, file.path("format").asText(), job::toString);
    assertEquals(mimeType, file.path("mimeType").asText(), job::toString);
  }

  /**
   * The tenant's one stored file sits at its content address, encrypted at rest, and decrypts to
   * exactly the uploaded bytes.
   */
  private static void assertStoredOnDisk(String tenant, byte[] content) throws IOException {
    Path stored = FileStore.storedFile(tenant, SampleFiles.sha256(content));
    assertTrue(Files.isRegularFile(stored), () -> "no stored file at " + stored);
    byte[] onDisk = Files.readAllBytes(stored);
    assertTrue(AtRestEncryption.isEncrypted(onDisk), () -> "stored in clear: " + stored);
    byte[] plain = AtRestEncryption.decrypt(onDisk);
    assertEquals(SampleFiles.sha256(content), SampleFiles.sha256(plain));
    assertArrayEquals(content, plain);
    assertEquals(List.of(stored), FileStore.tenantFiles(tenant));
  }

  private static JsonNode readStatus(String tenant, JsonNode job) {
    ApiResponse status =
        Api.get("/status/" + job.path("id").asText()).bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(200, status.status(), status::toString);
    return status.json();
  }

  private static List<String> steps(JsonNode job) {
    List<String> steps = new ArrayList<>();
    job.path("steps")
        .forEach(s -> steps.add(s.path("name").asText() + ":" + s.path("status").asText()));
    return steps;
  }

  private static JsonNode json(String json) {
    try {
      return ApiResponse.JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
