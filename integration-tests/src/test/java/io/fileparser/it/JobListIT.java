package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobListIT {

  /** Every job state except CANCELLED, which only a client's request causes. */
  private static final List<String> ACTIVE =
      List.of(
          "QUEUED", "SCANNING", "QUARANTINED", "RUNNING", "COMPLETED", "FAILED", "DEAD_LETTERED");

  @Test
  void listsNewestFirstByDefault() {
    String tenant = Tenants.fresh();
    List<String> created = createCsvJobs(tenant, 3);

    JsonNode page = list(tenant, "");

    assertEquals(reversed(created), ids(page));
    assertFalse(page.has("next"), () -> "one page only: " + page);
  }

  @Test
  void sortsOldestFirstOrNewestFirstOnRequest() {
    String tenant = Tenants.fresh();
    List<String> created = createCsvJobs(tenant, 3);

    assertEquals(created, ids(list(tenant, "?sort=created")));
    assertEquals(reversed(created), ids(list(tenant, "?sort=-created")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"created", "-created"})
  void cursorPagesCoverEveryJobExactlyOnceInOrder(String sort) {
    String tenant = Tenants.fresh();
    List<String> created = createCsvJobs(tenant, 5);

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String query = "?limit=2&sort=" + sort;
    for (int pages = 0; query != null; pages++) {
      assertTrue(pages < 10, "the cursor never ends");
      JsonNode page = list(tenant, query);
      pageSizes.add(page.path("items").size());
      seen.addAll(ids(page));
      query =
          page.hasNonNull("next")
              ? "?limit=2&sort=" + sort + "&cursor=" + encode(page.path("next").asText())
              : null;
    }

    assertEquals(List.of(2, 2, 1), pageSizes);
    assertEquals(sort.equals("created") ? created : reversed(created), seen);
    assertEquals(5, new HashSet<>(seen).size());
  }

  @Test
  void lastFullPageHasNoNextCursor() {
    String tenant = Tenants.fresh();
    createCsvJobs(tenant, 2);

    JsonNode page = list(tenant, "?limit=2");

    assertEquals(2, page.path("items").size());
    assertFalse(page.hasNonNull("next"), () -> "nothing follows: " + page);
  }

  @Test
  void filtersByFormatGivenRepeatedOrCommaSeparated() {
    String tenant = Tenants.fresh();
    String csv = id(Uploads.create(tenant, "table.csv", SampleFiles.csv("format-filter")));
    String pdf = id(Uploads.create(tenant, "scan.pdf", SampleFiles.pdf()));
    String cdr = id(Uploads.create(tenant, "Master.csv", SampleFiles.asteriskCdr()));

    assertEquals(List.of(pdf), ids(list(tenant, "?format=PDF")));
    assertEquals(List.of(cdr, csv), ids(list(tenant, "?format=CSV,CDR")));
    assertEquals(List.of(pdf, csv), ids(list(tenant, "?format=CSV&format=PDF")));
  }

  /**
   * A parse worker may move jobs on while the test runs, so the assertions hold whatever state each
   * job is in: every state but CANCELLED finds them all, CANCELLED (which nobody asked for) finds
   * none, and a single-state filter answers only jobs in that state.
   */
  @Test
  void filtersByStateGivenRepeatedOrCommaSeparated() {
    String tenant = Tenants.fresh();
    List<String> created = createCsvJobs(tenant, 2);

    assertEquals(reversed(created), ids(list(tenant, "?state=" + String.join(",", ACTIVE))));
    assertEquals(reversed(created), ids(list(tenant, "?state=" + String.join("&state=", ACTIVE))));
    assertEquals(List.of(), ids(list(tenant, "?state=CANCELLED")));
    assertEquals(List.of(), ids(list(tenant, "?state=CANCELLED&state=CANCELLED")));
    for (String state : List.of("QUEUED", "RUNNING", "COMPLETED")) {
      list(tenant, "?state=" + state)
          .path("items")
          .forEach(job -> assertEquals(state, job.path("state").asText(), job::toString));
    }
  }

  @Test
  void filtersByCreatedFromInclusiveAndCreatedToExclusive() {
    String tenant = Tenants.fresh();
    List<JsonNode> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(Uploads.create(tenant, "range-" + i + ".csv", SampleFiles.csv("range-" + i)));
    }
    String first = jobs.get(0).path("createdAt").asText();
    String second = jobs.get(1).path("createdAt").asText();
    String third = jobs.get(2).path("createdAt").asText();

    assertEquals(
        List.of(id(jobs.get(1)), id(jobs.get(2))),
        ids(list(tenant, "?sort=created&createdFrom=" + encode(second))));
    assertEquals(
        List.of(id(jobs.get(0))), ids(list(tenant, "?sort=created&createdTo=" + encode(second))));
    assertEquals(
        List.of(id(jobs.get(0)), id(jobs.get(1))),
        ids(
            list(
                tenant,
                "?sort=created&createdFrom=" + encode(first) + "&createdTo=" + encode(third))));
  }

  @Test
  void filtersByFilenameSubstringIgnoringCase() {
    String tenant = Tenants.fresh();
    String march = id(Uploads.create(tenant, "Invoice-March.csv", SampleFiles.csv("march")));
    String april = id(Uploads.create(tenant, "invoice-april.csv", SampleFiles.csv("april")));
    Uploads.create(tenant, "calls.csv", SampleFiles.csv("calls"));

    assertEquals(List.of(april, march), ids(list(tenant, "?filename=INVOICE")));
    assertEquals(List.of(march), ids(list(tenant, "?filename=e-mar")));
    assertEquals(List.of(), ids(list(tenant, "?filename=invoices")));
  }

  @Test
  void filenameFilterTakesLikeWildcardsLiterally() {
    String tenant = Tenants.fresh();
    String underscore = id(Uploads.create(tenant, "report_2026.csv", SampleFiles.csv("us")));
    Uploads.create(tenant, "report-2026.csv", SampleFiles.csv("dash"));

    assertEquals(List.of(underscore), ids(list(tenant, "?filename=" + encode("t_2"))));
    assertEquals(List.of(), ids(list(tenant, "?filename=" + encode("%"))));
  }

  @Test
  void showsOnlyTheCallersTenantsJobs() {
    String mine = Tenants.fresh();
    String theirs = Tenants.fresh();
    List<String> myJobs = createCsvJobs(mine, 2);
    List<String> theirJobs = createCsvJobs(theirs, 1);

    assertEquals(reversed(myJobs), ids(list(mine, "")));
    assertEquals(theirJobs, ids(list(theirs, "")));
    assertEquals(List.of(), ids(list(Tenants.fresh(), "")));
  }

  @Test
  void searchFindsEveryTermInTheFileNameOrTheMetadata() {
    String tenant = Tenants.fresh();
    String lyon = upload(tenant, "nightly-lyon.csv", "{\"site\":\"Lyon East\",\"run\":7}", 5);
    String paris = upload(tenant, "Nightly-Paris.csv", "{\"site\":\"Paris\",\"run\":8}", 9);
    String weekly = upload(tenant, "weekly.csv", "{\"note\":\"nightly rerun\"}", 9);
    Uploads.create(Tenants.fresh(), "nightly-other-tenant.csv", SampleFiles.csv("other"));

    assertEquals(List.of(weekly, paris, lyon), ids(list(tenant, "?q=NIGHTLY")));
    assertEquals(List.of(lyon), ids(list(tenant, "?q=" + encode("nightly \"lyon east\""))));
    assertEquals(List.of(), ids(list(tenant, "?q=" + encode("\"east lyon\""))));
    assertEquals(List.of(paris), ids(list(tenant, "?metadata=" + encode("site:Paris"))));
    assertEquals(List.of(lyon), ids(list(tenant, "?metadata=run:7")));
    assertEquals(List.of(weekly, paris), ids(list(tenant, "?priority=8,9")));
    assertEquals(List.of(paris, weekly, lyon), ids(list(tenant, "?sort=-priority")));
    JsonNode firstPage = list(tenant, "?sort=priority&limit=2");
    assertEquals(List.of(lyon, weekly), ids(firstPage));
    assertEquals(
        List.of(paris),
        ids(list(tenant, "?sort=priority&limit=2&cursor=" + firstPage.path("next").asText())));
    assertEquals(
        List.of(paris), ids(list(tenant, "?priority=9&q=paris&metadata=run:8&format=csv")));
  }

  @Test
  void filtersBySubmitterAndCountsOnRequest() {
    String tenant = Tenants.fresh();
    String alice = Tokens.bySubject("alice", tenant, "member");
    String bob = Tokens.bySubject("bob", tenant, "member");
    List<String> byAlice = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byAlice.add(
          id(
              Uploads.created(
                  Uploads.multipart(
                      alice, Multipart.file("a-" + i + ".csv", SampleFiles.csv(tenant + i))))));
    }
    Uploads.created(Uploads.multipart(bob, Multipart.file("b.csv", SampleFiles.csv(tenant))));

    JsonNode first = list(tenant, "?submittedBy=user:alice&limit=2&total=true");
    JsonNode second =
        list(
            tenant,
            "?submittedBy=user:alice&limit=2&total=true&cursor=" + first.path("next").asText());

    assertEquals(3, first.path("total").asLong());
    assertEquals(3, second.path("total").asLong());
    assertEquals(reversed(byAlice), concat(ids(first), ids(second)));
    assertTrue(list(tenant, "?limit=2").path("total").isMissingNode(), "no total unless asked");
  }

  @Test
  void aBulkActionSelectsByTheSameFilters() {
    String tenant = Tenants.fresh();
    String lyon = upload(tenant, "lyon.csv", "{\"batch\":\"b-17\"}", 5);
    upload(tenant, "paris.csv", "{\"batch\":\"b-18\"}", 5);

    ApiResponse response =
        Api.post("/jobs/bulk")
            .bearer(Tokens.of(tenant, "member"))
            .json(
                java.util.Map.of(
                    "action",
                    "cancel",
                    "dryRun",
                    true,
                    "filter",
                    java.util.Map.of("metadata", List.of("batch:b-17"), "q", "lyon")))
            .send();

    assertEquals(200, response.status(), response::toString);
    List<String> selected = new ArrayList<>();
    response.json().path("items").forEach(item -> selected.add(item.path("jobId").asText()));
    assertEquals(List.of(lyon), selected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "200"})
  void acceptsLimitsAtTheBounds(String limit) {
    String tenant = Tenants.fresh();
    createCsvJobs(tenant, 2);

    JsonNode page = list(tenant, "?limit=" + limit);

    assertEquals(Math.min(2, Integer.parseInt(limit)), page.path("items").size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "state=BOGUS",
        "state=QUEUED,nope",
        "format=XLS",
        "limit=0",
        "limit=201",
        "limit=-1",
        "limit=abc",
        "sort=name",
        "sort=createdAt",
        "createdFrom=yesterday",
        "createdTo=2026-13-01T00:00:00Z",
        "q=a",
        "priority=10",
        "templateVersion=2",
        "needsMapping=maybe",
        "errorCategory=a%20b",
        "metadata=nocolon",
        "completedFrom=soon",
        "total=yes"
      })
  void refusesBadQueryValues(String query) {
    ApiResponse response =
        Api.get("/jobs?" + query).bearer(Tokens.of(Tenants.fresh(), "viewer")).send();

    Problems.assertProblem(response, 400, "invalid_request");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"garbage", "eyJhIjoxfQ", "MjAyNi0wMS0wMVQwMDowMDowMFp8bm90LWEtdXVpZA", "_"})
  void refusesGarbageCursor(String cursor) {
    ApiResponse response =
        Api.get("/jobs?cursor=" + encode(cursor))
            .bearer(Tokens.of(Tenants.fresh(), "viewer"))
            .send();

    Problems.assertProblem(response, 400, "invalid_cursor");
  }

  private static List<String> createCsvJobs(String tenant, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(id(Uploads.create(tenant, "job-" + i + ".csv", SampleFiles.csv(tenant + i))));
    }
    return ids;
  }

  private static String upload(String tenant, String filename, String metadata, int priority) {
    return id(
        Uploads.created(
            Uploads.multipart(
                Tokens.of(tenant, "member"),
                Multipart.file(filename, SampleFiles.csv(tenant + filename))
                    .field("metadata", metadata)
                    .field("priority", Integer.toString(priority)))));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static JsonNode list(String tenant, String query) {
    ApiResponse response = Api.get("/jobs" + query).bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(200, response.status(), () -> "GET /jobs" + query + " answered " + response);
    JsonNode page = response.json();
    assertNotNull(page.get("items"), page::toString);
    return page;
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(job -> ids.add(id(job)));
    return ids;
  }

  private static String id(JsonNode job) {
    return job.path("id").asText();
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    Collections.reverse(copy);
    return copy;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
