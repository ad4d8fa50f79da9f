package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Template bundles over HTTP: an export carries every version, an import into another tenant
 * recreates them, a second import changes nothing and says so, conflicts are reported per template,
 * a dry run writes nothing, bad bundles are refused with stable types, and only admins import.
 */
class TemplateBundlesIT {

  /** A template of a fresh tenant with version 1 superseded, 2 published and 3 a draft. */
  private static String threeVersions(String tenant, String name) {
    String member = Tokens.of(tenant, "member");
    String id = TemplatesIT.published(tenant, name);
    assertEquals(200, TemplatesIT.put(member, id, TemplatesIT.document(name, "from")).status());
    assertEquals(200, TemplatesIT.publish(tenant, id, 2).status());
    assertEquals(200, TemplatesIT.put(member, id, TemplatesIT.document(name, "a")).status());
    return id;
  }

  private static JsonNode export(String token, String id) {
    ApiResponse exported = Api.get("/templates/" + id + "/export").bearer(token).send();
    assertEquals(200, exported.status(), exported::toString);
    return exported.json();
  }

  private static ApiResponse importBundle(String token, Object bundle, boolean dryRun) {
    return Api.post("/templates/import" + (dryRun ? "?dryRun=true" : ""))
        .bearer(token)
        .json(bundle)
        .send();
  }

  @Test
  void anExportCarriesEveryVersionAndAnotherTenantImportsItOnceThenNothingChanges() {
    String source = Tenants.fresh();
    String id = threeVersions(source, "Carrier calls");
    JsonNode bundle = export(Tokens.of(source, "viewer"), id);
    assertEquals(1, bundle.path("formatVersion").asInt(), bundle::toString);
    JsonNode versions = bundle.path("templates").path(0).path("versions");
    assertEquals(3, versions.size(), bundle::toString);
    assertEquals("SUPERSEDED", versions.path(0).path("state").asText());
    assertEquals("PUBLISHED", versions.path(1).path("state").asText());
    assertEquals("DRAFT", versions.path(2).path("state").asText());
    assertEquals(
        "from",
        versions
            .path(1)
            .path("document")
            .path("fields")
            .path(0)
            .path("locate")
            .path("header")
            .asText());
    assertTrue(versions.path(1).path("publishedAt").isTextual(), versions::toString);

    String target = Tenants.fresh();
    String admin = Tokens.of(target, "admin");
    ApiResponse dry = importBundle(admin, bundle, true);
    assertEquals(200, dry.status(), dry::toString);
    assertEquals("CREATED", dry.json().path("templates").path(0).path("outcome").asText());
    assertEquals(
        0,
        Api.get("/templates?format=CSV").bearer(admin).send().json().path("items").size(),
        "a dry run writes nothing");

    ApiResponse first = importBundle(admin, bundle, false);
    assertEquals(200, first.status(), first::toString);
    JsonNode item = first.json().path("templates").path(0);
    assertEquals("CREATED", item.path("outcome").asText(), first::toString);
    String copy = item.path("templateId").asText();
    JsonNode imported = Api.get("/templates/" + copy).bearer(admin).send().json();
    assertEquals(2, imported.path("currentVersion").asInt(), imported::toString);
    assertEquals(3, imported.path("draftVersion").asInt(), imported::toString);
    JsonNode list = Api.get("/templates/" + copy + "/versions").bearer(admin).send().json();
    assertEquals("SUPERSEDED", list.path("items").path(0).path("state").asText(), list::toString);
    assertEquals(
        versions.path(1).path("publishedAt").asText(),
        list.path("items").path(1).path("publishedAt").asText());

    ApiResponse second = importBundle(admin, bundle, false);
    assertEquals(200, second.status(), second::toString);
    assertEquals("UNCHANGED", second.json().path("templates").path(0).path("outcome").asText());
    assertEquals(copy, second.json().path("templates").path(0).path("templateId").asText());
    assertEquals(1, second.json().path("unchanged").asInt());

    JsonNode audit = Api.get("/admin/audit?action=template.imported").bearer(admin).send().json();
    assertTrue(audit.toString().contains(copy), audit::toString);
  }

  @Test
  void moreVersionsAreAddedAndADifferentTemplateOfTheSameNameIsAConflictNotOverwritten() {
    String source = Tenants.fresh();
    String id = TemplatesIT.published(source, "Growing");
    JsonNode older = export(Tokens.of(source, "viewer"), id);
    String target = Tenants.fresh();
    String admin = Tokens.of(target, "admin");
    assertEquals(200, importBundle(admin, older, false).status());

    assertEquals(
        200,
        TemplatesIT.put(Tokens.of(source, "member"), id, TemplatesIT.document("Growing", "b"))
            .status());
    assertEquals(200, TemplatesIT.publish(source, id, 2).status());
    JsonNode newer = export(Tokens.of(source, "viewer"), id);
    JsonNode updated = importBundle(admin, newer, false).json();
    assertEquals(
        "UPDATED", updated.path("templates").path(0).path("outcome").asText(), updated::toString);
    assertEquals(1, updated.path("templates").path(0).path("versionsAdded").asInt());
    String local = updated.path("templates").path(0).path("templateId").asText();
    assertEquals(
        2,
        Api.get("/templates/" + local).bearer(admin).send().json().path("currentVersion").asInt());

    // The target changes its own copy: the source's next version is a diverged history.
    assertEquals(
        200,
        TemplatesIT.put(Tokens.of(target, "member"), local, TemplatesIT.document("Growing", "t"))
            .status());
    assertEquals(200, TemplatesIT.publish(target, local, 3).status());
    assertEquals(
        200,
        TemplatesIT.put(Tokens.of(source, "member"), id, TemplatesIT.document("Growing", "s"))
            .status());
    JsonNode diverged = importBundle(admin, export(Tokens.of(source, "viewer"), id), false).json();
    JsonNode conflict = diverged.path("templates").path(0);
    assertEquals("CONFLICT", conflict.path("outcome").asText(), diverged::toString);
    assertEquals("HISTORY_DIVERGED", conflict.path("conflict").asText());
    assertEquals(3, conflict.path("differsAt").asInt());
    JsonNode v3 = Api.get("/templates/" + local + "/versions/3").bearer(admin).send().json();
    assertEquals(
        "t", v3.path("document").path("fields").path(0).path("locate").path("header").asText());

    String other = Tenants.fresh();
    TemplatesIT.create(other, "Growing"); // same name, another document at version 1
    ObjectNode bundle = (ObjectNode) older;
    JsonNode taken = importBundle(Tokens.of(other, "owner"), bundle, false).json();
    assertEquals(
        "NAME_TAKEN", taken.path("templates").path(0).path("conflict").asText(), taken::toString);
    assertEquals(1, taken.path("conflicts").asInt());
  }

  @Test
  void systemTemplatesTravelAsReferencesAndAreNeverImported() {
    String tenant = Tenants.fresh();
    String viewer = Tokens.of(tenant, "viewer");
    JsonNode system =
        Api.get("/templates?format=CDR&limit=1").bearer(viewer).send().json().path("items").path(0);
    assertTrue(system.path("system").asBoolean(), system::toString);
    JsonNode bundle = export(viewer, system.path("id").asText());
    assertEquals(0, bundle.path("templates").size(), bundle::toString);
    assertEquals(
        system.path("key").asText(), bundle.path("systemTemplates").path(0).path("key").asText());
    JsonNode report = importBundle(Tokens.of(Tenants.fresh(), "admin"), bundle, false).json();
    assertEquals(
        "SKIPPED",
        report.path("systemTemplates").path(0).path("outcome").asText(),
        report::toString);
    assertEquals(0, report.path("created").asInt());
  }

  @Test
  void aTenantWideExportHoldsItsActiveTemplatesOnly() {
    String tenant = Tenants.fresh();
    TemplatesIT.create(tenant, "One");
    TemplatesIT.create(tenant, "Two");
    JsonNode bundle =
        Api.get("/templates/export").bearer(Tokens.of(tenant, "viewer")).send().json();
    assertEquals(2, bundle.path("templates").size(), bundle::toString);
    assertEquals(0, bundle.path("systemTemplates").size());
    ApiResponse unknown =
        Api.get("/templates/export?id=" + java.util.UUID.randomUUID())
            .bearer(Tokens.of(tenant, "viewer"))
            .send();
    assertEquals(404, unknown.status(), unknown::toString);
    ApiResponse notAnId =
        Api.get("/templates/export?id=nope").bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(400, notAnId.status(), notAnId::toString);
  }

  @Test
  void badBundlesAreRefusedWithStableTypesAndOnlyAdminsImport() {
    String tenant = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    Problems.assertProblem(
        Api.post("/templates/import")
            .bearer(admin)
            .body("application/json", "{\"templates\": [".getBytes(StandardCharsets.UTF_8))
            .send(),
        400,
        "malformed_json");
    Problems.assertProblem(
        importBundle(admin, Map.of("formatVersion", 1, "colour", "red"), false),
        400,
        "malformed_json");
    Problems.assertProblem(
        importBundle(admin, Map.of("templates", List.of()), false), 400, "invalid_template_bundle");
    Problems.assertProblem(
        importBundle(admin, Map.of("formatVersion", 99, "templates", List.of()), false),
        422,
        "template_bundle_version_unsupported");
    Map<String, Object> badHistory =
        Map.of(
            "formatVersion",
            1,
            "templates",
            List.of(
                Map.of(
                    "name",
                    "Bad",
                    "versions",
                    List.of(
                        Map.of(
                            "version",
                            1,
                            "state",
                            "SUPERSEDED",
                            "publishedAt",
                            "2026-01-01T00:00:00Z",
                            "document",
                            TemplatesIT.document("Bad", "x"))))));
    ApiResponse history = importBundle(admin, badHistory, false);
    Problems.assertProblem(history, 400, "invalid_template_bundle");
    assertEquals(
        "templates[0].versions[0].state",
        history.json().path("member").asText(),
        history::toString);
    Problems.assertProblem(
        importBundle(
            admin,
            Map.of("formatVersion", 1, "templates", java.util.Collections.nCopies(201, Map.of())),
            false),
        413,
        "template_bundle_too_large");
    Problems.assertProblem(
        importBundle(Tokens.of(tenant, "member"), Map.of("formatVersion", 1), false),
        403,
        "forbidden");
    ApiResponse viewerExport =
        Api.get("/templates/export").bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(200, viewerExport.status(), viewerExport::toString);
  }

  /**
   * Not a bundle, but the same templates' reach: text no sniffer recognises is accepted at upload
   * once the tenant publishes a fixed-width template that fits it, and refused before.
   */
  @Test
  void textATenantsPublishedFixedWidthTemplateFitsIsAcceptedAtUpload() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      text.append(String.format("R%03d %010d EXT%04d%n", i, 4930901820L + i, 100 + i));
    }
    byte[] file = text.toString().getBytes(StandardCharsets.UTF_8);
    Problems.assertProblem(
        Uploads.multipart(member, Multipart.file("lines.txt", file)), 415, "unsupported_format");

    Map<String, Object> document =
        Map.of(
            "name",
            "Line export",
            "format",
            "CDR",
            "confidenceThreshold",
            0.8,
            "source",
            Map.of("header", false, "fixedWidth", true),
            "fields",
            List.of(
                Map.of(
                    "name",
                    "uniqueId",
                    "type",
                    "string",
                    "required",
                    true,
                    "locate",
                    Map.of("start", 0, "end", 4),
                    "rules",
                    Map.of("regex", "^R\\d{3}$")),
                Map.of(
                    "name",
                    "callee",
                    "type",
                    "phone",
                    "required",
                    true,
                    "locate",
                    Map.of("start", 5, "end", 15))));
    ApiResponse created = Api.post("/templates").bearer(member).json(document).send();
    assertEquals(201, created.status(), created::toString);
    String id = created.json().path("id").asText();
    Problems.assertProblem(
        Uploads.multipart(member, Multipart.file("lines.txt", file)), 415, "unsupported_format");

    assertEquals(200, TemplatesIT.publish(tenant, id, 1).status());
    ApiResponse accepted = Uploads.multipart(member, Multipart.file("lines.txt", file));
    assertEquals(201, accepted.status(), accepted::toString);
    assertEquals("CDR", accepted.json().path("file").path("format").asText(), accepted::toString);
    Problems.assertProblem(
        Uploads.multipart(Tokens.of(Tenants.fresh(), "member"), Multipart.file("lines.txt", file)),
        415,
        "unsupported_format");
  }
}
