package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/diagnostics}: where the time of a tenant's finished jobs went, per format and
 * template and per step, its slowest jobs and the jobs running longest, with a real worker; and who
 * may read it.
 */
class DiagnosticsIT {

  private static final Duration PARSE = Duration.ofSeconds(90);

  @Test
  void aTenantsSlowJobIsFirstAndItsTimeIsBrokenDown() throws Exception {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String admin = Tokens.of(tenant, "admin");
    String quick;
    String slow;
    try (Workers worker = Workers.start()) {
      quick = upload(member, "{}");
      assertEquals("COMPLETED", Jobs.awaitFinished(member, quick, PARSE).path("state").asText());
      slow = upload(member, "{\"simulate\":\"slow\",\"slowSeconds\":1}");
      JsonNode running = awaitRunningIn(admin, slow);
      assertTrue(running.path("runningSeconds").asDouble() >= 0, running::toString);
      assertEquals(tenant, running.path("tenantId").asText());
      assertEquals("CSV", running.path("format").asText());
      assertTrue(running.path("sizeBytes").asLong() > 0, running::toString);
      assertEquals("COMPLETED", Jobs.awaitFinished(member, slow, PARSE).path("state").asText());
    }

    for (String role : new String[] {"admin", "owner"}) {
      ApiResponse response = Api.get("/admin/diagnostics").bearer(Tokens.of(tenant, role)).send();
      assertEquals(200, response.status(), response::toString);
      JsonNode report = response.json();
      assertEquals(tenant, report.path("tenantId").asText(), report::toString);
      assertEquals(24, report.path("windowHours").asInt());

      JsonNode csv = report.path("templates").get(0);
      assertEquals(1, report.path("templates").size(), report::toString);
      assertEquals("CSV", csv.path("format").asText(), report::toString);
      assertEquals(2, csv.path("completed").asLong(), report::toString);
      assertEquals(0, csv.path("failed").asLong(), report::toString);
      // p99 interpolates between the two jobs: 0.99 of the way to the slow one's 5 s and more
      assertTrue(csv.path("processingSeconds").path("p99").asDouble() >= 4.9, report::toString);
      assertTrue(csv.path("totalProcessingSeconds").asDouble() >= 5.0, report::toString);
      double share = csv.path("queueShare").asDouble();
      assertTrue(share >= 0 && share <= 1, report::toString);

      // slowest first; which one that is depends on the machine (the first job waits for the
      // worker to start), so the order is checked, and the slow job's time on the worker
      JsonNode slowest = report.path("slowest");
      assertEquals(2, slowest.size(), report::toString);
      assertEquals(
          Set.of(quick, slow),
          Set.of(slowest.get(0).path("jobId").asText(), slowest.get(1).path("jobId").asText()));
      assertTrue(
          slowest.get(0).path("totalSeconds").asDouble()
              >= slowest.get(1).path("totalSeconds").asDouble(),
          report::toString);
      for (JsonNode job : slowest) {
        assertEquals("COMPLETED", job.path("state").asText());
        assertEquals(1, job.path("attempts").asInt(), job::toString);
        assertTrue(job.path("sizeBytes").asLong() > 0, job::toString);
        double total = job.path("totalSeconds").asDouble();
        double parts =
            job.path("queueWaitSeconds").asDouble() + job.path("processingSeconds").asDouble();
        assertTrue(Math.abs(total - parts) < 0.01, "the parts add up to the total: " + job);
        assertTrue(
            Instant.parse(job.path("finishedAt").asText())
                .isAfter(Instant.parse(job.path("createdAt").asText())));
        if (job.path("jobId").asText().equals(slow)) {
          assertTrue(job.path("processingSeconds").asDouble() >= 5.0, job::toString);
        }
      }

      Set<String> steps = new HashSet<>();
      report.path("steps").forEach(s -> steps.add(s.path("step").asText()));
      assertTrue(steps.contains("parsed"), report::toString);
      assertTrue(steps.contains("scanned"), report::toString);
      report
          .path("steps")
          .forEach(s -> assertTrue(s.path("seconds").path("p50").asDouble() >= 0, s::toString));
      assertEquals(0, report.path("longestRunning").size(), report::toString);
    }

    JsonNode one =
        Api.get("/admin/diagnostics?limit=1").bearer(admin).send().json().path("slowest");
    assertEquals(1, one.size());
    assertTrue(Set.of(quick, slow).contains(one.get(0).path("jobId").asText()), one::toString);

    JsonNode operators =
        Api.get("/admin/diagnostics?tenantId=" + tenant + "&windowHours=1&limit=100")
            .bearer(Tokens.operator())
            .send()
            .json();
    assertEquals(tenant, operators.path("tenantId").asText());
    assertEquals(2, operators.path("slowest").size(), operators::toString);

    JsonNode everyone =
        Api.get("/admin/diagnostics?limit=100").bearer(Tokens.operator()).send().json();
    assertTrue(everyone.path("tenantId").isMissingNode(), "every tenant's: " + everyone);
    assertFalse(everyone.path("slowest").isEmpty(), everyone::toString);

    // a newer tenant's view has none of it
    JsonNode other =
        Api.get("/admin/diagnostics").bearer(Tokens.of(Tenants.fresh(), "admin")).send().json();
    assertEquals(0, other.path("templates").size(), other::toString);
    assertEquals(0, other.path("slowest").size(), other::toString);
    assertEquals(0, other.path("steps").size(), other::toString);
  }

  @Test
  void theDiagnosticsAreForAdminsOwnersAndTheOperatorOnly() {
    String tenant = Tenants.fresh();
    for (String role : new String[] {"viewer", "member", "service"}) {
      Problems.assertProblem(
          Api.get("/admin/diagnostics").bearer(Tokens.of(tenant, role)).send(), 403, "forbidden");
    }
    assertEquals(401, Api.get("/admin/diagnostics").send().status());
    Problems.assertProblem(
        Api.get("/admin/diagnostics?tenantId=" + Tenants.fresh())
            .bearer(Tokens.of(tenant, "admin"))
            .send(),
        403,
        "forbidden");
  }

  @Test
  void aBadWindowLimitOrTenantIsABadRequest() {
    String admin = Tokens.of(Tenants.fresh(), "admin");
    for (String window : new String[] {"0", "745", "soon", "1.5"}) {
      Problems.assertProblem(
          Api.get("/admin/diagnostics?windowHours=" + window).bearer(admin).send(),
          400,
          "invalid_request");
    }
    for (String limit : new String[] {"0", "101", "all", "-1"}) {
      Problems.assertProblem(
          Api.get("/admin/diagnostics?limit=" + limit).bearer(admin).send(),
          400,
          "invalid_request");
    }
    Problems.assertProblem(
        Api.get("/admin/diagnostics?tenantId=-nope").bearer(Tokens.operator()).send(),
        400,
        "invalid_request");
  }

  private static String upload(String token, String metadata) {
    return Uploads.created(
            Uploads.multipart(
                token,
                Multipart.file("work.csv", SampleFiles.csv("diagnostics" + UUID.randomUUID()))
                    .field("metadata", metadata)))
        .path("id")
        .asText();
  }

  /** The job among the longest running, once a worker is on it. */
  private static JsonNode awaitRunningIn(String admin, String jobId) throws InterruptedException {
    Instant deadline = Instant.now().plus(PARSE);
    while (Instant.now().isBefore(deadline)) {
      JsonNode report = Api.get("/admin/diagnostics").bearer(admin).send().json();
      for (JsonNode job : report.path("longestRunning")) {
        if (jobId.equals(job.path("jobId").asText())) {
          return job;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " never ran");
  }
}
