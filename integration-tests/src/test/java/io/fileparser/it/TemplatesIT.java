package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Templates over HTTP: versions, publication, system templates, isolation, roles, uploads. */
class TemplatesIT {

  static Map<String, Object> document(String name, String header) {
    return Map.of(
        "name",
        name,
        "format",
        "CSV",
        "confidenceThreshold",
        0.8,
        "source",
        Map.of("header", true),
        "fields",
        List.of(
            Map.of(
                "name",
                "caller",
                "type",
                "phone",
                "required",
                true,
                "locate",
                Map.of("header", header))));
  }

  static JsonNode create(String tenant, String name) {
    ApiResponse created =
        Api.post("/templates")
            .bearer(Tokens.of(tenant, "member"))
            .json(document(name, "src"))
            .send();
    assertEquals(201, created.status(), created::toString);
    return created.json();
  }

  static ApiResponse publish(String tenant, String id, int version) {
    return Api.post("/templates/" + id + "/versions/" + version + "/publish")
        .bearer(Tokens.of(tenant, "admin"))
        .send();
  }

  static ApiResponse put(String token, String id, Object body) {
    return Api.call("PUT", TestEnvironment.apiUri("/templates/" + id))
        .bearer(token)
        .json(body)
        .send();
  }

  /** A published template of a fresh tenant: its id. */
  static String published(String tenant, String name) {
    String id = create(tenant, name).path("id").asText();
    assertEquals(200, publish(tenant, id, 1).status());
    return id;
  }

  @Test
  void editMakesADraftThatPublishingMakesCurrentWithVersionsAndADiff() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    JsonNode template = create(tenant, "Calls");
    String id = template.path("id").asText();
    assertEquals(1, template.path("draftVersion").asInt());
    assertTrue(
        template.path("currentVersion").isMissingNode()
            || template.path("currentVersion").isNull());
    assertEquals(200, publish(tenant, id, 1).status());

    ApiResponse edited = put(member, id, document("Calls", "caller"));
    assertEquals(200, edited.status(), edited::toString);
    assertEquals(2, edited.json().path("version").asInt());
    assertEquals("DRAFT", edited.json().path("state").asText());
    // Editing again replaces the open draft: still version 2.
    ApiResponse again = put(member, id, document("Calls", "from"));
    assertEquals(2, again.json().path("version").asInt(), again::toString);

    JsonNode view = Api.get("/templates/" + id).bearer(member).send().json();
    assertEquals(1, view.path("currentVersion").asInt());
    assertEquals(2, view.path("draftVersion").asInt());

    ApiResponse published = publish(tenant, id, 2);
    assertEquals(200, published.status(), published::toString);
    assertEquals(2, published.json().path("currentVersion").asInt());
    Problems.assertProblem(publish(tenant, id, 2), 409, "template_version_not_draft");

    JsonNode versions = Api.get("/templates/" + id + "/versions").bearer(member).send().json();
    assertEquals("SUPERSEDED", versions.path("items").path(0).path("state").asText());
    assertEquals("PUBLISHED", versions.path("items").path(1).path("state").asText());
    JsonNode v1 = Api.get("/templates/" + id + "/versions/1").bearer(member).send().json();
    assertEquals(
        "src", v1.path("document").path("fields").path(0).path("locate").path("header").asText());
    Problems.assertProblem(
        Api.get("/templates/" + id + "/versions/9").bearer(member).send(),
        404,
        "template_version_not_found");

    JsonNode diff = Api.get("/templates/" + id + "/diff?from=1&to=2").bearer(member).send().json();
    assertEquals(
        "caller", diff.path("changedFields").path(0).path("name").asText(), diff::toString);
    assertEquals(
        "locate",
        diff.path("changedFields").path(0).path("members").path(0).path("member").asText());
    assertEquals(
        "from",
        diff.path("changedFields")
            .path(0)
            .path("members")
            .path(0)
            .path("to")
            .path("header")
            .asText());
    Problems.assertProblem(
        Api.get("/templates/" + id + "/diff?from=x&to=2").bearer(member).send(),
        400,
        "invalid_request");
  }

  @Test
  void invalidDocumentsAndTakenNamesAreRefusedNamingTheMember() {
    String tenant = Tenants.fresh();
    JsonNode problem =
        Problems.assertProblem(
            Api.post("/templates")
                .bearer(Tokens.of(tenant, "member"))
                .json(
                    Map.of(
                        "name",
                        "X",
                        "format",
                        "XLS",
                        "confidenceThreshold",
                        1,
                        "fields",
                        List.of()))
                .send(),
            422,
            "invalid_template");
    assertEquals("format", problem.path("member").asText());
    create(tenant, "Taken");
    Problems.assertProblem(
        Api.post("/templates")
            .bearer(Tokens.of(tenant, "member"))
            .json(document("taken", "a"))
            .send(),
        409,
        "template_name_taken");
  }

  @Test
  void archivedTemplatesLeaveTheListAndRefuseEdits() {
    String tenant = Tenants.fresh();
    String id = published(tenant, "Old");
    Problems.assertProblem(
        Api.post("/templates/" + id + "/archive").bearer(Tokens.of(tenant, "member")).send(),
        403,
        "forbidden");
    ApiResponse archived =
        Api.post("/templates/" + id + "/archive").bearer(Tokens.of(tenant, "admin")).send();
    assertEquals("ARCHIVED", archived.json().path("state").asText(), archived::toString);
    JsonNode list = Api.get("/templates").bearer(Tokens.of(tenant, "viewer")).send().json();
    for (JsonNode item : list.path("items")) {
      assertFalse(item.path("id").asText().equals(id), list::toString);
    }
    Problems.assertProblem(
        put(Tokens.of(tenant, "member"), id, document("Old", "x")), 409, "template_archived");
  }

  @Test
  void systemTemplatesAreListedReadOnlyAndCopyable() {
    String tenant = Tenants.fresh();
    JsonNode list =
        Api.get("/templates?limit=200").bearer(Tokens.of(tenant, "viewer")).send().json();
    JsonNode asterisk = null;
    for (JsonNode item : list.path("items")) {
      if ("asterisk-master-csv".equals(item.path("key").asText())) {
        asterisk = item;
      }
    }
    assertTrue(asterisk != null && asterisk.path("system").asBoolean(), list::toString);
    String id = asterisk.path("id").asText();
    Problems.assertProblem(
        put(Tokens.of(tenant, "owner"), id, document("Mine", "a")), 403, "template_read_only");
    Problems.assertProblem(publish(tenant, id, 1), 403, "template_read_only");
    ApiResponse copy =
        Api.post("/templates/" + id + "/copy")
            .bearer(Tokens.of(tenant, "member"))
            .json(Map.of("name", "My Asterisk"))
            .send();
    assertEquals(201, copy.status(), copy::toString);
    assertFalse(copy.json().path("system").asBoolean());
    assertEquals("CDR", copy.json().path("format").asText());
    JsonNode v1 =
        Api.get("/templates/" + copy.json().path("id").asText() + "/versions/1")
            .bearer(Tokens.of(tenant, "member"))
            .send()
            .json();
    assertTrue(v1.path("document").path("key").isMissingNode(), v1::toString);
  }

  @Test
  void anotherTenantsTemplateIsNotFound() {
    String id = published(Tenants.fresh(), "Private");
    String other = Tenants.fresh();
    Problems.assertProblem(
        Api.get("/templates/" + id).bearer(Tokens.of(other, "admin")).send(),
        404,
        "template_not_found");
    Problems.assertProblem(
        Uploads.multipart(
            Tokens.of(other, "member"),
            Multipart.file("other.csv", SampleFiles.csv(other)).field("templateId", id)),
        422,
        "template_not_found");
  }

  @Test
  void viewersReadButDoNotDraft() {
    String tenant = Tenants.fresh();
    Problems.assertProblem(
        Api.post("/templates").bearer(Tokens.of(tenant, "viewer")).json(document("V", "a")).send(),
        403,
        "forbidden");
    assertEquals(200, Api.get("/templates").bearer(Tokens.of(tenant, "viewer")).send().status());
  }

  @Test
  void uploadWithAnUnknownTemplateOrVersionIsRefusedAndNothingIsStored() {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    Problems.assertProblem(
        Uploads.multipart(
            member,
            Multipart.file("a.csv", SampleFiles.csv(tenant))
                .field("templateId", "6f1c1f5e-0000-4000-8000-000000000000")),
        422,
        "template_not_found");
    String id = published(tenant, "Pinned");
    Problems.assertProblem(
        Uploads.multipart(
            member,
            Multipart.file("a.csv", SampleFiles.csv(tenant))
                .field("templateId", id)
                .field("templateVersion", "7")),
        422,
        "template_version_not_found");
    Problems.assertProblem(
        Api.call("POST", TestEnvironment.apiUri("/upload?templateId=" + id + "&templateVersion=7"))
            .bearer(member)
            .header("Content-Disposition", "attachment; filename=\"a.csv\"")
            .body("text/csv", SampleFiles.csv(tenant))
            .send(),
        422,
        "template_version_not_found");
    assertEquals(List.of(), FileStore.tenantFiles(tenant));
    assertEquals(0, Api.get("/jobs").bearer(member).send().json().path("items").size());
  }

  @Test
  void uploadPinsTheVersionAndTheTaskCarriesTheTemplates() throws Exception {
    String tenant = Tenants.fresh();
    String member = Tokens.of(tenant, "member");
    String id = published(tenant, "Dispatch");
    JsonNode job =
        Uploads.created(
            Uploads.multipart(
                member, Multipart.file("d.csv", SampleFiles.csv(tenant)).field("templateId", id)));
    assertEquals(id, job.path("templateId").asText());
    assertEquals(1, job.path("templateVersion").asInt(), job::toString);
    String jobId = job.path("id").asText();
    Jobs.await(member, jobId, j -> j.has("dispatchedAt"), Duration.ofSeconds(30), "dispatched");
    try (JedisPooled redis = Broker.connect()) {
      JsonNode kwargs = null;
      for (String key : redis.keys("parser*")) {
        if (!"list".equals(redis.type(key))) {
          continue;
        }
        for (String raw : redis.lrange(key, 0, -1)) {
          JsonNode envelope = ApiResponse.JSON.readTree(raw);
          JsonNode body =
              ApiResponse.JSON.readTree(
                  new String(
                      Base64.getDecoder().decode(envelope.path("body").asText()),
                      StandardCharsets.UTF_8));
          if (body.path(0).path(0).asText().equals(jobId)) {
            kwargs = body.path(1);
          }
        }
      }
      assertTrue(kwargs != null, "no task message of job " + jobId);
      assertEquals(1, kwargs.path("templateVersion").asInt(), kwargs::toString);
      // The message names the published versions by one key, whose list names each document by
      // its own key; the relay stored both before the push. It carries no document.
      assertEquals(0, kwargs.path("templates").size(), kwargs::toString);
      String setKey = kwargs.path("templateSet").asText();
      assertTrue(setKey.startsWith("fileparser:template-set:"), kwargs::toString);
      String list = redis.get(setKey);
      assertTrue(list != null, () -> "no list under " + setKey);
      boolean own = false;
      boolean system = false;
      for (JsonNode entry : ApiResponse.JSON.readTree(list)) {
        assertTrue(entry.path("document").isMissingNode(), entry::toString);
        String key = entry.path("documentKey").asText();
        assertEquals(
            "fileparser:template-doc:"
                + entry.path("id").asText()
                + ":"
                + entry.path("version").asInt(),
            key);
        String stored = redis.get(key);
        assertTrue(stored != null, () -> "no document under " + key);
        JsonNode document = ApiResponse.JSON.readTree(stored);
        if (entry.path("id").asText().equals(id)) {
          own =
              entry.path("version").asInt() == 1
                  && "Dispatch".equals(document.path("name").asText());
        }
        system |=
            entry.path("system").asBoolean()
                && document.path("key").asText().equals("asterisk-master-csv");
      }
      assertTrue(own && system, list);
    }
  }
}
