package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /templates/{templateId}/analytics}: the jobs that pinned a template count for its
 * version; another tenant cannot read it; a bad window is a 400.
 */
class TemplateAnalyticsIT {

  @Test
  void theJobsThatPinnedAVersionCountForIt() {
    String tenant = Tenants.fresh();
    String id = TemplatesIT.published(tenant, "analytics-" + UUID.randomUUID());
    String token = Tokens.of(tenant, "member");
    for (int i = 0; i < 2; i++) {
      Uploads.created(
          Uploads.multipart(
              token,
              Multipart.file("pinned-" + i + ".csv", SampleFiles.csv(tenant + i))
                  .field("templateId", id)));
    }
    Uploads.create(tenant, "unpinned.csv", SampleFiles.csv(tenant + "unpinned"));

    ApiResponse response =
        Api.get("/templates/" + id + "/analytics").bearer(Tokens.of(tenant, "viewer")).send();

    assertEquals(200, response.status(), response::toString);
    JsonNode report = response.json();
    assertEquals(id, report.path("templateId").asText());
    assertEquals(1, report.path("currentVersion").asInt(), report::toString);
    assertEquals(1, report.path("versions").size(), report::toString);
    JsonNode v1 = report.path("versions").get(0);
    assertEquals(1, v1.path("version").asInt(), report::toString);
    assertEquals(2, v1.path("jobs").asInt(), report::toString);
    assertTrue(report.path("hints").isArray(), report::toString);
  }

  @Test
  void anotherTenantsTemplateIsNotFoundAndABadWindowIsRefused() {
    String tenant = Tenants.fresh();
    String id = TemplatesIT.published(tenant, "analytics-private-" + UUID.randomUUID());

    Problems.assertProblem(
        Api.get("/templates/" + id + "/analytics")
            .bearer(Tokens.of(Tenants.fresh(), "admin"))
            .send(),
        404,
        "template_not_found");
    Problems.assertProblem(
        Api.get("/templates/" + id + "/analytics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
            .bearer(Tokens.of(tenant, "viewer"))
            .send(),
        400,
        "invalid_request");
    assertEquals(401, Api.get("/templates/" + id + "/analytics").send().status());
  }
}
