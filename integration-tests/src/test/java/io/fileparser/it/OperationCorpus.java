package io.fileparser.it;

import static io.fileparser.it.CorpusCallers.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.it.HostileRequest.Expected;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The generic part of the corpus, derived from the served OpenAPI document so that a new operation
 * or parameter gets it without anyone writing a case: traversal and injection strings in every
 * path, query and header parameter, every method a path does not answer to, a media type it cannot
 * answer in, bad credentials, and for a JSON body the wrong media types and malformed JSON.
 */
final class OperationCorpus {

  private static final String API_PREFIX = "/api/parser";

  /** Strings that try to climb paths, break out of SQL, LDAP, shell, templates or logs. */
  static final List<String> HOSTILE_VALUES =
      List.of(
          "../../../../etc/passwd",
          "..%2F..%2Fetc%2Fpasswd",
          "..\\..\\windows\\win.ini",
          "' OR '1'='1",
          "1; DROP TABLE jobs; --",
          "1 UNION SELECT secret_hash FROM api_keys --",
          "*)(uid=*))(|(uid=*",
          "$(touch /tmp/corpus-pwned)",
          "`id`",
          "${jndi:ldap://127.0.0.1:1389/corpus}",
          "{{7*7}}",
          "<script>alert(1)</script>",
          "a\u0000b",
          "a\r\nX-Injected: 1",
          "\u202Egnp.exe",
          "-1",
          "999999999999999999999",
          "A".repeat(4096));

  /**
   * Parameters whose hostile values are no error: free-text searches answer an empty page (the
   * tenant has no jobs), opaque keys are taken as they are. Each needs a reason here; a value that
   * would be accepted and store something is not sent at all.
   */
  private static final Map<String, String> FREE_TEXT =
      Map.ofEntries(
          Map.entry(
              "GET /jobs filename", "a case-insensitive part of a file name: any text is a search"),
          Map.entry(
              "GET /jobs q",
              "text search: terms of 2 to 100 characters, any text, are a search (one shorter or"
                  + " longer is refused)"),
          Map.entry(
              "GET /jobs submittedBy",
              "who uploaded, matched exactly: any text up to 200 characters is a search"),
          Map.entry(
              "GET /jobs metadata",
              "key:value, compared exactly: any text with a colon is a search"),
          Map.entry(
              "GET /jobs template",
              "a template id: any id keeping the template-id rule is a search (no job has it)"),
          Map.entry(
              "GET /admin/audit actor",
              "who did it, matched exactly: any text up to 200 characters is a search"),
          Map.entry(
              "GET /admin/audit targetId",
              "a target's id, matched exactly: any text up to 200 characters is a search"),
          Map.entry(
              "GET /admin/audit tenantId",
              "a tenant id: any id keeping the tenant-id rule is a search (no such tenant has records)"),
          Map.entry(
              "GET /admin/queue tenantId",
              "a tenant id: any id keeping the tenant-id rule is a search (no such tenant has work)"),
          Map.entry(
              "GET /admin/queue/dead-letters tenantId",
              "a tenant id: any id keeping the tenant-id rule is a search (no such tenant has any)"),
          Map.entry(
              "GET /admin/metrics tenantId",
              "a tenant id: any id keeping the tenant-id rule is a search (no such tenant has figures)"),
          Map.entry(
              "GET /admin/alerts tenantId",
              "a tenant id: any id keeping the tenant-id rule is a search (no such tenant has alerts)"),
          Map.entry(
              "GET /admin/diagnostics tenantId",
              "a tenant id: any id keeping the tenant-id rule is a search (no such tenant has jobs)"));

  private static final Map<String, String> NOT_SENT =
      Map.of(
          "POST /upload Idempotency-Key",
          "an opaque key: a hostile one is a key like any other and the upload would be stored;"
              + " refused keys are hand-written cases",
          "POST /upload Content-Length",
          "the body's framing: lying lengths are hand-written transport cases",
          "POST /upload Prefer",
          "a preference the server does not know is ignored (RFC 7240), so a hostile one is no"
              + " error and the upload would be stored; its reading is UploadParametersTest's");

  /**
   * Parameters for which some of the hostile values are valid input: those are not sent (the
   * request would be accepted and store something), the others are.
   */
  private static final Map<String, java.util.regex.Pattern> VALID_AS_IS =
      Map.of(
          "POST /upload templateId",
          java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"));

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final CorpusCallers callers;
  private final List<HostileRequest> cases = new ArrayList<>();

  private OperationCorpus(CorpusCallers callers) {
    this.callers = callers;
  }

  static List<HostileRequest> from(JsonNode openApi, CorpusCallers callers) {
    OperationCorpus corpus = new OperationCorpus(callers);
    Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      String template = path.getKey().substring(API_PREFIX.length());
      List<String> declared = new ArrayList<>();
      path.getValue()
          .fields()
          .forEachRemaining(
              op -> {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (METHODS.contains(method)) {
                  declared.add(method);
                  corpus.operation(method, template, op.getValue());
                }
              });
      corpus.wrongMethods(template, declared, siblingMethods(openApi, path.getKey()));
    }
    return corpus.cases;
  }

  /**
   * The methods of a sibling path whose last segment is a parameter ({@code /mapping/{jobId}} for
   * {@code /mapping/suggest}): such a request reaches that operation with the literal segment as
   * its parameter, and answers as it does for an unknown id, not 405.
   */
  private static List<String> siblingMethods(JsonNode openApi, String path) {
    String parent = path.substring(0, path.lastIndexOf('/') + 1);
    List<String> methods = new ArrayList<>();
    if (path.substring(parent.length()).startsWith("{")) {
      return methods;
    }
    openApi
        .path("paths")
        .fields()
        .forEachRemaining(
            other -> {
              String key = other.getKey();
              if (key.startsWith(parent)
                  && key.indexOf('/', parent.length()) < 0
                  && key.substring(parent.length()).startsWith("{")) {
                other
                    .getValue()
                    .fieldNames()
                    .forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
              }
            });
    return methods;
  }

  private void operation(String method, String template, JsonNode operation) {
    String op = method + " " + template;
    for (JsonNode parameter : operation.path("parameters")) {
      String name = parameter.path("name").asText();
      String in = parameter.path("in").asText();
      if (NOT_SENT.containsKey(op + " " + name)) {
        continue;
      }
      java.util.regex.Pattern valid = VALID_AS_IS.get(op + " " + name);
      for (String value : HOSTILE_VALUES) {
        if (valid != null && valid.matcher(value).matches()) {
          continue;
        }
        switch (in) {
          case "path" -> pathParameter(method, template, name, value);
          case "query" -> queryParameter(method, template, name, value);
          case "header" -> headerParameter(method, template, name, value);
          default -> {}
        }
      }
    }
    JsonNode content = operation.path("requestBody").path("content");
    if (content.has("application/json")) {
      jsonBody(method, template);
    }
    if (answersWithABody(operation)) {
      notAcceptable(method, template); // an answer without a body (204) has nothing to negotiate
    }
    badCredentials(method, template);
  }

  private static boolean answersWithABody(JsonNode operation) {
    Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
    while (responses.hasNext()) {
      Map.Entry<String, JsonNode> response = responses.next();
      if (response.getKey().startsWith("2") && response.getValue().has("content")) {
        return true;
      }
    }
    return false;
  }

  private void pathParameter(String method, String template, String name, String value) {
    String path = withValidIds(template.replace("{" + name + "}", encode(value)));
    cases.add(
        baseline(method, template, path)
            .expect(
                method + " " + template + " with " + name + " = " + shown(value),
                Expected.anyClientError().orRefusedByContainer()));
  }

  private void queryParameter(String method, String template, String name, String value) {
    String path = withValidIds(template) + "?" + name + "=" + encode(value);
    Expected expected = Expected.anyClientError().orRefusedByContainer();
    if (FREE_TEXT.containsKey(method + " " + template + " " + name)) {
      expected = expected.orNothingFound();
    }
    cases.add(
        baseline(method, template, path)
            .expect(method + " " + template + " with ?" + name + "=" + shown(value), expected));
  }

  private void headerParameter(String method, String template, String name, String value) {
    if (value.chars().anyMatch(c -> c < 0x20)) {
      return; // a header cannot carry it; folded and CR/LF headers are transport cases
    }
    // Bytes beyond ASCII in a header: the HTTP layer may refuse them itself.
    Expected expected =
        value.chars().allMatch(c -> c < 0x80)
            ? Expected.anyClientError()
            : Expected.anyClientError().orRefusedByContainer();
    cases.add(
        baseline(method, template, withValidIds(template))
            .replaceHeader(name, value)
            .expect(
                method + " " + template + " with header " + name + ": " + shown(value), expected));
  }

  private void jsonBody(String method, String template) {
    String path = api(withValidIds(template));
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=ebcdic",
            "application/json; charset=utf-16")) {
      cases.add(
          HostileRequest.to(method, path)
              .auth(callers.tokenFor(method, template))
              .body(type, "{\"name\":\"corpus\"}")
              .expect(
                  method + " " + template + " with a JSON body sent as " + type,
                  415,
                  "unsupported_media_type"));
    }
    for (String json : MALFORMED_JSON) {
      cases.add(
          HostileRequest.to(method, path)
              .auth(callers.tokenFor(method, template))
              .body("application/json", json)
              .expect(
                  method + " " + template + " with the JSON body " + shown(json),
                  400,
                  "malformed_json"));
    }
  }

  /** Bodies that are not one JSON document of the expected shape. */
  static final List<String> MALFORMED_JSON =
      List.of(
          "{\"name\":\"corpus\"} garbage",
          "{\"name\":\"corpus\"} {\"name\":\"twice\"}",
          "{\"name\":\"corpus\"} 42",
          "{\"name\":\"corpus\"",
          "{\"name\":",
          "{",
          "nul",
          "[\"corpus\"]",
          "\"corpus\"",
          "{\"name\":\"corpus\",}",
          "{'name':'corpus'}",
          "{\"name\":\"corpus\", \"__proto__\": {\"admin\": true}}",
          "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
          "{\"name\":\"corpus\",\"unknown\":1}",
          "\u00ef\u00bb\u00bf\u0000{\"name\":\"corpus\"}",
          "{\"name\":\"corpus\"}\u0000");

  private void notAcceptable(String method, String template) {
    cases.add(
        baseline(method, template, withValidIds(template))
            .header("Accept", "image/png")
            .expect(method + " " + template + " accepting only image/png", 406, "not_acceptable"));
  }

  private void badCredentials(String method, String template) {
    String path = api(withValidIds(template));
    for (String token : List.of("' OR '1'='1", "${jndi:ldap://127.0.0.1:1389/a}", "e30.e30.")) {
      cases.add(
          HostileRequest.to(method, path)
              .header("Authorization", "Bearer " + token)
              .expect(
                  method + " " + template + " with bearer " + shown(token), 401, "invalid_token"));
    }
    cases.add(
        HostileRequest.to(method, path)
            .header("X-API-Key", "fpk_' OR 1=1 --")
            .expect(method + " " + template + " with an injected API key", 401, "invalid_api_key"));
  }

  private void wrongMethods(String template, List<String> declared, List<String> siblings) {
    for (String method : METHODS) {
      if (!declared.contains(method) && !siblings.contains(method)) {
        cases.add(
            HostileRequest.to(method, api(withValidIds(template)))
                .auth(callers.tokenFor(method, template))
                .expect(
                    method + " " + template + " (not answered there)", 405, "method_not_allowed"));
      }
    }
  }

  /**
   * The request as the operation would accept it, but for what a case changes: valid ids of nothing
   * (404 if they got that far), a small CSV named by Content-Disposition for an upload.
   */
  private HostileRequest.Builder baseline(String method, String template, String path) {
    HostileRequest.Builder request =
        HostileRequest.to(method, api(path)).auth(callers.tokenFor(method, template));
    if (template.equals("/upload")) {
      request
          .header("Content-Disposition", "attachment; filename=\"corpus.csv\"")
          .body("text/csv", CorpusCallers.csv());
    }
    return request;
  }

  private static String withValidIds(String template) {
    return template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The value as the test report shows it: control characters escaped, long values cut. */
  static String shown(String value) {
    StringBuilder shown = new StringBuilder();
    value
        .codePoints()
        .limit(60)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || (c >= 0x200b && c <= 0x206f) || c == 0xfeff) {
                shown.append(String.format("\\u%04x", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return value.length() > 60 ? shown + "... (" + value.length() + " chars)" : shown.toString();
  }
}
