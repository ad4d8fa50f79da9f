package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /analytics/usage} against the deployed server: a fresh tenant's known set of uploads,
 * jobs, deletions, API calls and webhook deliveries, each figure reconciled exactly with what was
 * done and with {@code GET /jobs}; the CSV export; the operator's views; who may read; bad
 * parameters.
 */
class UsageIT {

  private static final Duration PARSE = Duration.ofSeconds(90);

  /** The columns of the CSV export, as docs/usage.md documents them. */
  private static final String CSV_HEADER =
      "tenant_id,period,period_start,period_end,uploads,bytes_received,bytes_stored,bytes_removed,"
          + "storage_held_bytes,pages_parsed,rows_parsed,jobs_completed,jobs_failed,"
          + "jobs_cancelled,jobs_dead_lettered,jobs_deleted,api_calls_read,api_calls_write,"
          + "api_calls_upload,webhook_deliveries_delivered,webhook_deliveries_failed";

  /** The tenant's API calls this test made, by endpoint class. */
  private final Map<String, Integer> calls = new HashMap<>();

  @Test
  void everyFigureReconcilesWithWhatTheTenantDidAndWithItsJobList() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String admin = Tokens.of(tenant, "admin");
    String owner = Tokens.of(tenant, "owner");
    LocalDate firstDay = today();
    byte[] a = SampleFiles.csv("usage-a-" + UUID.randomUUID());
    byte[] c = SampleFiles.csv("usage-c-" + UUID.randomUUID());
    byte[] f = SampleFiles.csv("usage-f-" + UUID.randomUUID());
    byte[] pdf = SampleFiles.pdf();

    // no worker yet: the job waits in the queue and is cancelled there
    String cancelled = upload(member, "cancelled.csv", c, null);
    ApiResponse cancel = send("write", Api.post("/jobs/" + cancelled + "/cancel").bearer(member));
    assertEquals(200, cancel.status(), cancel::toString);
    String first;
    String again;
    String document;
    String failed;
    try (Workers worker = Workers.start()) {
      first = upload(member, "first.csv", a, null);
      again = upload(member, "again.csv", a, null); // the same bytes: stored once
      document = upload(member, "document.pdf", pdf, null);
      failed = upload(member, "failed.csv", f, "{\"simulate\":\"bad_file\"}");
      ApiResponse refused =
          send(
              "upload",
              Api.post("/upload")
                  .bearer(member)
                  .multipart(Multipart.file("eicar.csv", SampleFiles.eicar())));
      Problems.assertProblem(refused, 422, "malware_detected");
      for (String id : List.of(first, again, document)) {
        assertEquals("COMPLETED", awaitFinished(member, id).path("state").asText(), id);
      }
      assertEquals("FAILED", awaitFinished(member, failed).path("state").asText());
    }
    try (WebhookReceiver accepting = WebhookReceiver.start();
        WebhookReceiver gone = WebhookReceiver.start()) {
      gone.answer(WebhookReceiver.Answer.of(410));
      testMessage(admin, accepting);
      testMessage(admin, gone);
      accepting.await(r -> true, 1, Duration.ofSeconds(30));
      gone.await(r -> true, 1, Duration.ofSeconds(30));
      // the attempt is recorded once the receiver has answered: wait for it without counting
      awaitUsage(tenant, u -> u.path("webhookDeliveries").path("failed").asLong() == 1);
      awaitUsage(tenant, u -> u.path("webhookDeliveries").path("delivered").asLong() == 1);
    }

    ApiResponse list = send("read", Api.get("/jobs?limit=100").bearer(member));
    assertEquals(200, list.status(), list::toString);
    JsonNode jobs = list.json().path("items");
    assertEquals(5, jobs.size(), jobs::toString);
    Map<String, Long> states = new HashMap<>();
    long received = 0;
    long rows = 0;
    long pages = 0;
    Map<String, Long> stored = new LinkedHashMap<>();
    for (JsonNode job : jobs) {
      states.merge(job.path("state").asText(), 1L, Long::sum);
      received += job.path("file").path("size").asLong();
      stored.put(job.path("file").path("sha256").asText(), job.path("file").path("size").asLong());
      rows += job.path("recordCount").asLong(0);
      pages += job.path("result").path("pages").asLong(0);
    }
    assertEquals(Map.of("COMPLETED", 3L, "FAILED", 1L, "CANCELLED", 1L), states);
    assertEquals(2 * a.length + c.length + f.length + pdf.length, received);
    assertEquals(4, stored.size(), "four different contents");
    assertTrue(rows > 0, "the worker wrote records");
    assertEquals(1, pages, "the PDF has one page");

    // the second job of the same bytes goes, the file stays; the cancelled job takes its file along
    assertEquals(204, send("write", Api.delete("/jobs/" + again).bearer(member)).status());
    assertEquals(204, send("write", Api.delete("/jobs/" + cancelled).bearer(member)).status());

    ApiResponse report = send("read", usage(owner, "?period=day&from=" + firstDay));
    assertEquals(200, report.status(), report::toString);
    assertTrue(report.contentType().startsWith("application/json"), report::toString);
    JsonNode usage = sum(report.json(), tenant);
    assertEquals(5, usage.path("uploads").asLong(), usage::toString);
    assertEquals(received, usage.path("bytesReceived").asLong(), usage::toString);
    long storedBytes = stored.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(storedBytes, usage.path("bytesStored").asLong(), usage::toString);
    assertEquals(c.length, usage.path("bytesRemoved").asLong(), usage::toString);
    assertEquals(
        a.length + f.length + pdf.length, usage.path("storageHeldBytes").asLong(), usage::toString);
    assertEquals(rows, usage.path("rowsParsed").asLong(), usage::toString);
    assertEquals(pages, usage.path("pagesParsed").asLong(), usage::toString);
    JsonNode outcomes = usage.path("jobs");
    assertEquals(3, outcomes.path("completed").asLong(), usage::toString);
    assertEquals(1, outcomes.path("failed").asLong(), usage::toString);
    assertEquals(1, outcomes.path("cancelled").asLong(), usage::toString);
    assertEquals(0, outcomes.path("deadLettered").asLong(), usage::toString);
    assertEquals(2, outcomes.path("deleted").asLong(), usage::toString);
    assertEquals(calls("read"), usage.path("apiCalls").path("read").asLong(), usage::toString);
    assertEquals(calls("write"), usage.path("apiCalls").path("write").asLong(), usage::toString);
    assertEquals(calls("upload"), usage.path("apiCalls").path("upload").asLong(), usage::toString);
    assertEquals(6, calls("upload"), "five accepted and one refused");
    assertEquals(1, usage.path("webhookDeliveries").path("delivered").asLong(), usage::toString);
    assertEquals(1, usage.path("webhookDeliveries").path("failed").asLong(), usage::toString);

    // the CSV export: the same figures (and this request), one row per tenant and period
    ApiResponse csv =
        send("read", usage(owner, "?period=month&from=" + firstDay).header("Accept", "text/csv"));
    assertEquals(200, csv.status(), csv::toString);
    assertTrue(csv.contentType().startsWith("text/csv"), csv::toString);
    String[] lines = csv.text().split("\r\n");
    assertEquals(CSV_HEADER, lines[0]);
    Map<String, Long> row = csvTotals(lines, tenant);
    assertEquals(5, row.get("uploads"));
    assertEquals(received, row.get("bytes_received"));
    assertEquals(a.length + f.length + pdf.length, row.get("storage_held_bytes"));
    assertEquals(rows, row.get("rows_parsed"));
    assertEquals(2, row.get("jobs_deleted"));
    assertEquals(calls("read"), row.get("api_calls_read"), "the CSV request counts itself too");
    assertEquals(1, row.get("webhook_deliveries_failed"));

    // the operator: every tenant, or this one; its own calls are no tenant's
    String operator = Tokens.operator();
    ApiResponse all = usage(operator, "?period=month&from=" + firstDay).send();
    assertEquals(200, all.status(), all::toString);
    assertTrue(all.json().path("tenantId").isMissingNode() || all.json().path("tenantId").isNull());
    JsonNode fromAll = sum(all.json(), tenant);
    assertEquals(calls("read"), fromAll.path("apiCalls").path("read").asLong(), all::toString);
    assertEquals(received, fromAll.path("bytesReceived").asLong());
    Set<String> tenants = new java.util.HashSet<>();
    all.json().path("items").forEach(i -> tenants.add(i.path("tenantId").asText()));
    assertTrue(tenants.size() > 1, () -> "every tenant: " + tenants);
    ApiResponse one =
        usage(operator, "?period=month&from=" + firstDay + "&tenant=" + tenant).send();
    assertEquals(200, one.status(), one::toString);
    one.json().path("items").forEach(i -> assertEquals(tenant, i.path("tenantId").asText()));
    assertEquals(5, sum(one.json(), tenant).path("uploads").asLong());
  }

  @Test
  void onlyTheOwnerAndTheOperatorReadUsageAndAnOwnerOnlyTheirOwnTenant() {
    String tenant = Tenants.fresh();
    Uploads.create(tenant, "mine.csv", SampleFiles.csv(tenant));
    for (String role : List.of("viewer", "member", "admin", "service")) {
      Problems.assertProblem(usage(Tokens.of(tenant, role), "").send(), 403, "forbidden");
    }
    String stranger = Tenants.fresh();
    String strangerOwner = Tokens.of(stranger, "owner");
    ApiResponse own = usage(strangerOwner, "").send();
    assertEquals(200, own.status(), own::toString);
    own.json()
        .path("items")
        .forEach(i -> assertEquals(stranger, i.path("tenantId").asText(), own::toString));
    assertEquals(0, sum(own.json(), stranger).path("uploads").asLong(), own::toString);
    Problems.assertProblem(usage(strangerOwner, "?tenant=" + tenant).send(), 403, "forbidden");
    ApiResponse mine = usage(Tokens.of(tenant, "owner"), "?tenant=" + tenant).send();
    assertEquals(200, mine.status(), mine::toString);
    assertEquals(1, sum(mine.json(), tenant).path("uploads").asLong(), mine::toString);
  }

  @Test
  void badParametersAreProblemsWithStableTypes() {
    String owner = Tokens.of(Tenants.fresh(), "owner");
    String operator = Tokens.operator();
    Problems.assertProblem(usage(owner, "?period=week").send(), 400, "invalid_period");
    Problems.assertProblem(usage(owner, "?from=2026-02-30").send(), 400, "invalid_date");
    Problems.assertProblem(usage(owner, "?to=yesterday").send(), 400, "invalid_date");
    Problems.assertProblem(
        usage(owner, "?from=2026-11-02&to=2026-11-01").send(), 400, "invalid_range");
    Problems.assertProblem(
        usage(owner, "?period=day&from=2025-01-01&to=2026-01-02").send(), 400, "range_too_long");
    Problems.assertProblem(
        usage(owner, "?period=month&from=2020-01-01&to=2026-01-01").send(), 400, "range_too_long");
    Problems.assertProblem(
        usage(operator, "?tenant=never-" + UUID.randomUUID()).send(), 404, "tenant_not_found");
    Problems.assertProblem(usage(operator, "?tenant=-bad").send(), 400, "invalid_request");
    Problems.assertProblem(
        usage(owner, "").header("Accept", "text/html").send(), 406, "not_acceptable");
  }

  private Api.Call usage(String token, String query) {
    return Api.get("/analytics/usage" + query).bearer(token);
  }

  /** The tenant's items of a report added up (a test may run across midnight, UTC). */
  private static JsonNode sum(JsonNode report, String tenant) {
    com.fasterxml.jackson.databind.node.ObjectNode total =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    List<JsonNode> items = new ArrayList<>();
    report
        .path("items")
        .forEach(
            i -> {
              if (tenant.equals(i.path("tenantId").asText())) {
                items.add(i);
              }
            });
    for (String field :
        List.of(
            "uploads",
            "bytesReceived",
            "bytesStored",
            "bytesRemoved",
            "pagesParsed",
            "rowsParsed")) {
      total.put(field, items.stream().mapToLong(i -> i.path(field).asLong()).sum());
    }
    total.put(
        "storageHeldBytes",
        items.isEmpty() ? 0 : items.get(items.size() - 1).path("storageHeldBytes").asLong());
    for (String group : List.of("jobs", "apiCalls", "webhookDeliveries")) {
      com.fasterxml.jackson.databind.node.ObjectNode sums = total.putObject(group);
      for (JsonNode item : items) {
        item.path(group)
            .fields()
            .forEachRemaining(
                e -> sums.put(e.getKey(), sums.path(e.getKey()).asLong() + e.getValue().asLong()));
      }
    }
    return total;
  }

  /** The tenant's CSV rows added up by column (storage held: the last row's). */
  private static Map<String, Long> csvTotals(String[] lines, String tenant) {
    String[] header = lines[0].split(",");
    Map<String, Long> totals = new HashMap<>();
    int rows = 0;
    for (int l = 1; l < lines.length; l++) {
      String[] cells = lines[l].split(",", -1);
      assertEquals(header.length, cells.length, lines[l]);
      if (!cells[0].equals(tenant)) {
        continue;
      }
      rows++;
      assertEquals("month", cells[1]);
      for (int i = 4; i < header.length; i++) {
        long value = Long.parseLong(cells[i]);
        if (header[i].equals("storage_held_bytes")) {
          totals.put(header[i], value);
        } else {
          totals.merge(header[i], value, Long::sum);
        }
      }
    }
    assertTrue(rows >= 1, "a row for the tenant");
    return totals;
  }

  private void testMessage(String admin, WebhookReceiver receiver) {
    ApiResponse created =
        send(
            "write",
            Api.post("/webhooks")
                .bearer(admin)
                .json(
                    Map.of(
                        "url", receiver.url("/hook"), "eventTypes", List.of("job.dead_lettered"))));
    assertEquals(201, created.status(), created::toString);
    String id = created.json().path("webhook").path("id").asText();
    ApiResponse test = send("write", Api.post("/webhooks/" + id + "/test").bearer(admin));
    assertEquals(202, test.status(), test::toString);
  }

  /** Waits, as the operator (whose calls no tenant is billed for), until the figures say so. */
  private static void awaitUsage(String tenant, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      ApiResponse response =
          Api.get("/analytics/usage?period=day&from=" + today().minusDays(1) + "&tenant=" + tenant)
              .bearer(Tokens.operator())
              .send();
      assertEquals(200, response.status(), response::toString);
      JsonNode total = sum(response.json(), tenant);
      if (condition.test(total)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        fail("usage never came to that: " + total);
      }
      Jobs.sleep(200);
    }
  }

  private String upload(String token, String filename, byte[] bytes, String metadata) {
    Multipart form = Multipart.file(filename, bytes);
    if (metadata != null) {
      form = form.field("metadata", metadata);
    }
    return Uploads.created(send("upload", Api.post("/upload").bearer(token).multipart(form)))
        .path("id")
        .asText();
  }

  /** Follows the job until it finishes, counting each status read. */
  private JsonNode awaitFinished(String token, String id) {
    Set<String> terminal = Set.of("COMPLETED", "FAILED", "CANCELLED", "DEAD_LETTERED");
    Instant deadline = Instant.now().plus(PARSE);
    while (true) {
      ApiResponse response = send("read", Api.get("/status/" + id).bearer(token));
      assertEquals(200, response.status(), response::toString);
      if (terminal.contains(response.json().path("state").asText())) {
        return response.json();
      }
      if (Instant.now().isAfter(deadline)) {
        fail("job " + id + " not finished within " + PARSE + ": " + response);
      }
      Jobs.sleep(200);
    }
  }

  /** Sends a request of the tenant's, counting it under its endpoint class. */
  private ApiResponse send(String endpointClass, Api.Call call) {
    calls.merge(endpointClass, 1, Integer::sum);
    return call.send();
  }

  private long calls(String endpointClass) {
    return calls.getOrDefault(endpointClass, 0);
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
