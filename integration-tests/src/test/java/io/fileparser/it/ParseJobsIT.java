package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Uploaded files are parsed by a real Celery worker and their records read back. */
class ParseJobsIT {

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void csvIsParsedWithClassificationRecordsAndOrderedHistory() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    JsonNode job = Uploads.create(tenant, "invoices.csv", SampleFiles.csv(tenant));

    JsonNode done = Jobs.awaitFinished(token, job.path("id").asText(), Duration.ofSeconds(60));

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertEquals(100, done.path("progress").path("percent").asInt());
    JsonNode classification = done.path("classification");
    assertFalse(classification.path("layout").asText().isEmpty(), done::toString);
    double confidence = classification.path("confidence").asDouble(-1);
    assertTrue(confidence >= 0 && confidence <= 1, done::toString);
    assertEquals(4, done.path("recordCount").asLong(), done::toString);
    assertTrue(done.path("result").path("fields").size() >= 4, done::toString);
    assertEquals(4, done.path("result").path("quality").path("rowsRead").asInt(), done::toString);
    assertTrue(
        done.path("result").path("resources").path("peakRssBytes").asLong() > 0, done::toString);
    JsonNode performance = done.path("performance");
    assertTrue(performance.path("queueWaitSeconds").asDouble(-1) >= 0, done::toString);
    assertTrue(performance.path("processingSeconds").asDouble(-1) >= 0, done::toString);
    if (performance.path("processingSeconds").asDouble() > 0) {
      assertTrue(performance.path("recordsPerSecond").asDouble() > 0, done::toString);
      assertTrue(performance.path("bytesPerSecond").asDouble() > 0, done::toString);
    }

    ApiResponse records =
        Api.get("/jobs/" + job.path("id").asText() + "/result").bearer(token).send();
    assertEquals(200, records.status(), records::toString);
    assertEquals(4, records.json().path("items").size(), records::toString);

    JsonNode history = Jobs.history(token, job.path("id").asText());
    assertTrue(history.size() >= 3, history::toString);
    List<Integer> seqs = new ArrayList<>();
    history.forEach(entry -> seqs.add(entry.path("seq").asInt()));
    for (int i = 1; i < seqs.size(); i++) {
      assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "history is ordered without gaps");
    }
    JsonNode last = history.get(history.size() - 1);
    assertEquals("COMPLETED", last.path("state").asText(), history::toString);
    assertTrue(
        containsState(history, "RUNNING"), () -> "progress was reported while running: " + history);
  }

  @Test
  void pdfIsParsedPageByPage() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    JsonNode job = Uploads.create(tenant, "invoice.pdf", SampleFiles.pdf());

    JsonNode done = Jobs.awaitFinished(token, job.path("id").asText(), Duration.ofSeconds(60));

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertTrue(
        done.path("classification").path("layout").asText().startsWith("pdf"), done::toString);
    ApiResponse records =
        Api.get("/jobs/" + job.path("id").asText() + "/result")
            .bearer(token)
            .header("Accept", "application/x-ndjson")
            .send();
    assertEquals(200, records.status(), records::toString);
    assertTrue(records.contentType().startsWith("application/x-ndjson"), records::toString);
    assertTrue(records.text().contains("Invoice INV-001"), records::toString);
  }

  @Test
  void asteriskCdrIsNormalisedToCallRecordsAndServedAsCsvInPages() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    JsonNode job = Uploads.create(tenant, "Master.csv", SampleFiles.asteriskCdr());
    String id = job.path("id").asText();

    JsonNode done = Jobs.awaitFinished(token, id, Duration.ofSeconds(60));

    assertEquals("COMPLETED", done.path("state").asText(), done::toString);
    assertEquals("asterisk-master-csv", done.path("classification").path("layout").asText());
    assertEquals(4, done.path("recordCount").asLong(), done::toString);

    ApiResponse first =
        Api.get("/jobs/" + id + "/result?limit=3")
            .bearer(token)
            .header("Accept", "text/csv")
            .send();
    assertEquals(200, first.status(), first::toString);
    String[] lines = first.text().split("\r\n");
    assertEquals(4, lines.length, first::toString); // header + 3 records
    assertTrue(lines[0].contains("caller") && lines[0].contains("callee"), first::toString);
    String link = first.header("Link").orElseThrow();
    assertTrue(link.contains("rel=\"next\""), link);

    String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    ApiResponse second =
        Api.call("GET", java.net.URI.create(next))
            .bearer(token)
            .header("Accept", "text/csv")
            .send();
    assertEquals(200, second.status(), second::toString);
    assertEquals(2, second.text().split("\r\n").length, second::toString);
    assertTrue(second.header("Link").isEmpty(), "the last page has no next link");
  }

  @Test
  void resultOfAJobThatIsNotCompletedIsAConflict() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    JsonNode job =
        Uploads.created(
            Uploads.multipart(
                token,
                Multipart.file("slow.csv", SampleFiles.csv(tenant))
                    .field("metadata", "{\"simulate\":\"slow\",\"slowSeconds\":1}")));
    ApiResponse result =
        Api.get("/jobs/" + job.path("id").asText() + "/result").bearer(token).send();
    assertEquals(409, result.status(), result::toString);
    Problems.assertProblem(result, 409, "result_not_available");
    assertNotNull(Jobs.awaitFinished(token, job.path("id").asText(), Duration.ofSeconds(60)));
  }

  @Test
  void anotherTenantCannotReadRecordsOrHistory() {
    String tenant = Tenants.fresh();
    JsonNode job = Uploads.create(tenant, "mine.csv", SampleFiles.csv(tenant));
    String other = Tokens.of(Tenants.fresh(), "admin");
    String id = job.path("id").asText();
    Jobs.awaitFinished(Tokens.of(tenant, "viewer"), id, Duration.ofSeconds(60));

    Problems.assertProblem(
        Api.get("/jobs/" + id + "/result").bearer(other).send(), 404, "job_not_found");
    Problems.assertProblem(
        Api.get("/jobs/" + id + "/history").bearer(other).send(), 404, "job_not_found");
    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel").bearer(other).send(), 404, "job_not_found");
  }

  @Test
  void viewerCannotCancelAndGarbageResultCursorIsRefused() {
    String tenant = Tenants.fresh();
    JsonNode job = Uploads.create(tenant, "c.csv", SampleFiles.csv(tenant));
    String id = job.path("id").asText();
    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel").bearer(Tokens.of(tenant, "viewer")).send(),
        403,
        "forbidden");
    String member = Tokens.of(tenant, "member");
    Jobs.awaitFinished(member, id, Duration.ofSeconds(60));
    Problems.assertProblem(
        Api.get("/jobs/" + id + "/result?cursor=%25%25garbage").bearer(member).send(),
        400,
        "invalid_cursor");
    Problems.assertProblem(
        Api.get("/jobs/" + id + "/result?limit=0").bearer(member).send(), 400, "invalid_request");
    Problems.assertProblem(
        Api.post("/jobs/" + id + "/cancel").bearer(member).send(), 409, "job_not_cancellable");
  }

  private static boolean containsState(JsonNode history, String state) {
    for (JsonNode entry : history) {
      if (entry.path("state").asText().equals(state)) {
        return true;
      }
    }
    return false;
  }
}
