package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's published templates read real uploads with a real worker: a PDF template's anchors and
 * regexes, and a CSV template's declared encoding and date-and-time columns.
 */
class TemplateExtractionIT {

  private static final Duration PARSED = Duration.ofSeconds(90);

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  static Map<String, Object> field(String name, String type, boolean required, Object locate) {
    return Map.of("name", name, "type", type, "required", required, "locate", locate);
  }

  static Map<String, Object> with(Map<String, Object> field, String member, Object value) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>(field);
    copy.put(member, value);
    return copy;
  }

  static Map<String, Object> invoiceTemplate() {
    return Map.of(
        "name",
        "ACME invoices",
        "format",
        "PDF",
        "confidenceThreshold",
        0.8,
        "fields",
        List.of(
            with(
                field("invoiceNumber", "string", true, Map.of("anchor", "Invoice number:")),
                "rules",
                Map.of("regex", "INV-\\d{4}-\\d{4}")),
            with(
                field("invoiceDate", "date", false, Map.of("anchor", "Invoice date:")),
                "format",
                "%d.%m.%Y"),
            with(
                field(
                    "total",
                    "currency",
                    true,
                    Map.of("anchor", "Total due", "regex", "([0-9.,]+) EUR")),
                "format",
                "comma"),
            field("customer", "string", false, Map.of("anchor", "Customer:"))));
  }

  /** An invoice whose labels and values are drawn apart, the total below its label. */
  static byte[] invoicePdf() {
    return SampleFiles.pdfText(
        new String[] {"72", "740", "ACME Telecom GmbH"},
        new String[] {"72", "700", "Invoice number:"},
        new String[] {"250", "700", "INV-2026-0042"},
        new String[] {"72", "682", "Invoice date:"},
        new String[] {"250", "682", "05.01.2026"},
        new String[] {"72", "664", "Customer:"},
        new String[] {"250", "664", "Globex Corporation"},
        new String[] {"72", "620", "Total due"},
        new String[] {"72", "602", "1.234,50 EUR"});
  }

  static String publishedTemplate(String tenant, Map<String, Object> document) {
    ApiResponse created =
        Api.post("/templates").bearer(Tokens.of(tenant, "member")).json(document).send();
    assertEquals(201, created.status(), created::toString);
    String id = created.json().path("id").asText();
    ApiResponse published = TemplatesIT.publish(tenant, id, 1);
    assertEquals(200, published.status(), published::toString);
    return id;
  }

  static JsonNode firstRecord(String token, String jobId) {
    JsonNode records = Api.get("/jobs/" + jobId + "/result?limit=5").bearer(token).send().json();
    return records.path("items").path(0);
  }

  @Test
  void aPdfUploadedWithAPublishedPdfTemplateCompletesWithTheExtractedFields() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    String templateId = publishedTemplate(tenant, invoiceTemplate());

    String jobId = Uploads.create(tenant, "invoice.pdf", invoicePdf()).path("id").asText();
    JsonNode done = Jobs.awaitFinished(token, jobId, PARSED);

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    JsonNode classification = done.path("classification");
    assertEquals(templateId, classification.path("templateMatched").asText(), done::toString);
    assertEquals(1, classification.path("templateVersion").asInt(), done::toString);
    assertEquals(1.0, classification.path("confidence").asDouble(), 1e-9, done::toString);
    assertFalse(done.path("needsMapping").asBoolean(true), done::toString);
    assertEquals(1, done.path("recordCount").asLong(), done::toString);
    JsonNode record = firstRecord(token, jobId);
    assertEquals("INV-2026-0042", record.path("invoiceNumber").asText(), record::toString);
    assertEquals("2026-01-05", record.path("invoiceDate").asText(), record::toString);
    assertEquals(1234.5, record.path("total").asDouble(), 1e-9, record::toString);
    assertEquals("Globex Corporation", record.path("customer").asText(), record::toString);
  }

  @Test
  void aPdfOfAnotherLayoutIsReadAsTextDespiteThePdfTemplate() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    publishedTemplate(tenant, invoiceTemplate());

    String jobId = Uploads.create(tenant, "other.pdf", SampleFiles.pdf()).path("id").asText();
    JsonNode done = Jobs.awaitFinished(token, jobId, PARSED);

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertTrue(
        done.path("classification").path("templateMatched").asText("").isEmpty(), done::toString);
    assertTrue(firstRecord(token, jobId).has("page"), done::toString);
  }

  @Test
  void aWindows1252ExportWithDateAndTimeColumnsIsReadInItsEncodingAndZone() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    Map<String, Object> document =
        Map.of(
            "name",
            "Switch export",
            "format",
            "CSV",
            "confidenceThreshold",
            0.8,
            "source",
            Map.of(
                "delimiter",
                ";",
                "header",
                true,
                "encoding",
                "windows-1252",
                "timeZone",
                "Europe/Berlin"),
            "fields",
            List.of(
                field("caller", "phone", true, Map.of("header", "Anrufer")),
                field("site", "string", true, Map.of("header", "Standort")),
                with(
                    field(
                        "start",
                        "datetime",
                        true,
                        Map.of("date", Map.of("header", "Datum"), "time", Map.of("index", 3))),
                    "format",
                    "%d.%m.%Y %H:%M:%S")));
    String templateId = publishedTemplate(tenant, document);
    byte[] csv =
        ("Anrufer;Standort;Datum;Uhrzeit\r\n"
                + "201;Köln Süd – Büro;05.01.2026;10:15:00\r\n"
                + "202;Düsseldorf;06.07.2026;23:59:30\r\n"
                + "203;Straßburg;07.07.2026;08:00:01\r\n")
            .getBytes(Charset.forName("windows-1252"));

    String jobId = Uploads.create(tenant, "export.csv", csv).path("id").asText();
    JsonNode done = Jobs.awaitFinished(token, jobId, PARSED);

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertEquals(
        templateId, done.path("classification").path("templateMatched").asText(), done::toString);
    assertEquals(3, done.path("recordCount").asLong(), done::toString);
    JsonNode record = firstRecord(token, jobId);
    assertEquals("Köln Süd – Büro", record.path("site").asText(), record::toString);
    assertEquals("2026-01-05T10:15:00+01:00", record.path("start").asText(), record::toString);
  }
}
