package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovered templates with a real worker: files of one unknown layout make one proposal that
 * counts them, an admin's approval makes a template of it, a rejection keeps the layout from being
 * proposed again, an approved mapping saved as a template closes it; readers read, only admins
 * decide, and another tenant sees nothing.
 */
class DiscoveredTemplatesIT {

  private static final Duration PARSED = Duration.ofSeconds(240);

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.startHoldingForMapping(3);
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  /** Uploads a file of the unknown layout (rows from {@code first}) and waits for it to wait. */
  private static String waiting(String tenant, int first) {
    String id =
        Uploads.create(tenant, "calls-" + first + ".csv", MappingIT.calls(first))
            .path("id")
            .asText();
    Jobs.awaitState(Tokens.of(tenant, "viewer"), id, "NEEDS_MAPPING", PARSED);
    return id;
  }

  private static JsonNode proposals(String token, String state) {
    ApiResponse list = Api.get("/template-proposals?state=" + state).bearer(token).send();
    assertEquals(200, list.status(), list::toString);
    return list.json().path("items");
  }

  @Test
  void twoFilesOfOneUnknownLayoutMakeOneProposalThatAnAdminApprovesIntoATemplate() {
    String tenant = Tenants.fresh();
    String viewer = Tokens.of(tenant, "viewer");
    String first = waiting(tenant, 0);
    waiting(tenant, 40);

    JsonNode items = proposals(viewer, "DISCOVERED");
    assertEquals(1, items.size(), items::toString);
    JsonNode proposal = items.path(0);
    assertEquals(2, proposal.path("sightings").asInt(), proposal::toString);
    assertEquals(first, proposal.path("firstJobId").asText());
    assertEquals(5, proposal.path("profile").path("columns").size(), proposal::toString);
    assertEquals(
        "Originating Number",
        proposal.path("profile").path("columns").path(0).path("name").asText());
    assertTrue(proposal.path("profile").path("columns").path(0).path("examples").size() > 0);
    assertEquals(5, proposal.path("document").path("fields").size(), proposal::toString);
    String id = proposal.path("id").asText();

    Problems.assertProblem(
        Api.post("/template-proposals/" + id + "/approve")
            .bearer(Tokens.of(tenant, "member"))
            .json(Map.of())
            .send(),
        403,
        "forbidden");
    Problems.assertProblem(
        Api.get("/template-proposals/" + id).bearer(Tokens.of(Tenants.fresh(), "admin")).send(),
        404,
        "template_proposal_not_found");
    assertEquals(0, proposals(Tokens.of(Tenants.fresh(), "viewer"), "DISCOVERED").size());

    ApiResponse approved =
        Api.post("/template-proposals/" + id + "/approve")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of("name", "Carrier Y calls", "publish", true))
            .send();
    assertEquals(200, approved.status(), approved::toString);
    assertEquals("APPROVED", approved.json().path("state").asText());
    String templateId = approved.json().path("templateId").asText();
    JsonNode template = Api.get("/templates/" + templateId).bearer(viewer).send().json();
    assertEquals("Carrier Y calls", template.path("name").asText(), template::toString);
    assertEquals(1, template.path("currentVersion").asInt(), template::toString);
    assertEquals(0, proposals(viewer, "DISCOVERED").size());
    assertEquals(1, proposals(viewer, "APPROVED").size());
    Problems.assertProblem(
        Api.post("/template-proposals/" + id + "/reject")
            .bearer(Tokens.of(tenant, "admin"))
            .json(Map.of())
            .send(),
        409,
        "template_proposal_decided");
  }

  @Test
  void aRejectedLayoutIsNotProposedAgain() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    waiting(tenant, 0);
    String id = proposals(admin, "DISCOVERED").path(0).path("id").asText();
    ApiResponse rejected =
        Api.post("/template-proposals/" + id + "/reject")
            .bearer(admin)
            .json(Map.of("reason", "a one-off export"))
            .send();
    assertEquals(200, rejected.status(), rejected::toString);

    waiting(tenant, 40);

    assertEquals(0, proposals(admin, "DISCOVERED").size());
    JsonNode rejectedItems = proposals(admin, "REJECTED");
    assertEquals(1, rejectedItems.size(), rejectedItems::toString);
    assertEquals(2, rejectedItems.path(0).path("sightings").asInt(), rejectedItems::toString);
    JsonNode audit =
        Api.get("/admin/audit?action=template.proposal.rejected").bearer(admin).send().json();
    assertTrue(audit.toString().contains(id), audit::toString);
  }

  @Test
  void anApprovedMappingSavedAsATemplateClosesTheProposalOfItsLayout() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String admin = Tokens.of(tenant, "admin");
    String jobId = waiting(tenant, 0);
    assertEquals(1, proposals(admin, "DISCOVERED").size());

    assertEquals(200, MappingIT.put(member, jobId, MappingIT.mapping()).status());
    assertEquals(200, MappingIT.submit(member, jobId).status());
    ApiResponse approved =
        MappingIT.approve(admin, jobId, Map.of("saveAs", Map.of("name", "Mapped calls")));
    assertEquals(200, approved.status(), approved::toString);

    assertEquals(0, proposals(admin, "DISCOVERED").size());
    JsonNode closed = proposals(admin, "APPROVED").path(0);
    assertEquals(
        approved.json().path("savedTemplate").path("templateId").asText(),
        closed.path("templateId").asText(),
        closed::toString);
  }
}
