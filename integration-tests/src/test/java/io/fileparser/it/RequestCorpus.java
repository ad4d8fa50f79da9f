package io.fileparser.it;

import static io.fileparser.it.CorpusCallers.api;
import static io.fileparser.it.OperationCorpus.encode;
import static io.fileparser.it.OperationCorpus.shown;

import io.fileparser.it.HostileRequest.Expected;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Hand-written requests to the reading and key operations: page limits, cursors (garbage, tampered,
 * another tenant's), filters, ids that are not UUIDs, API-key bodies the JSON parser reads but the
 * API must refuse, and requests the HTTP layer itself cannot read.
 */
final class RequestCorpus {

  private final CorpusCallers callers;
  private final String othersCursor;
  private final List<HostileRequest> cases = new ArrayList<>();

  private RequestCorpus(CorpusCallers callers, String othersCursor) {
    this.callers = callers;
    this.othersCursor = othersCursor;
  }

  /**
   * @param othersCursor a {@code next} cursor of another tenant's job list
   */
  static List<HostileRequest> cases(CorpusCallers callers, String othersCursor) {
    RequestCorpus corpus = new RequestCorpus(callers, othersCursor);
    corpus.limits();
    corpus.cursors();
    corpus.filters();
    corpus.ids();
    corpus.apiKeys();
    return corpus.cases;
  }

  private void limits() {
    String job = "/jobs/" + UUID.randomUUID();
    for (String limit :
        List.of(
            "-1",
            "0",
            "201",
            "999999999999999999999",
            "-999999999999999999999",
            "1e3",
            "0x10",
            "%20",
            "NaN",
            "1.5",
            "1;DROP")) {
      get("/jobs?limit=" + limit, "job list limit=" + limit, 400, "invalid_request");
    }
    for (String limit : List.of("-1", "0", "1001", "2147483648")) {
      get(job + "/history?limit=" + limit, "history limit=" + limit, 400, "invalid_request");
    }
    for (String after : List.of("-1", "2147483648", "abc", "1e2")) {
      get(job + "/history?afterSeq=" + after, "history afterSeq=" + after, 400, "invalid_request");
    }
    for (String limit : List.of("-1", "0", "999999999999999999999")) {
      get(job + "/result?limit=" + limit, "result limit=" + limit, 400, "invalid_request");
    }
  }

  private void cursors() {
    List<String> garbage =
        List.of(
            "!!!!",
            "AAAA",
            "====",
            "%00",
            "a".repeat(10_000),
            "djE6MTIz+/==",
            b64("v1:1700000000123456:" + UUID.randomUUID()),
            b64("v2:abc:" + UUID.randomUUID() + ":tag"),
            b64("v2:1700000000123456:not-a-uuid:tag"),
            b64("v2:-9223372036854775808:" + UUID.randomUUID() + ":tag"),
            b64("v2:9223372036854775807:" + UUID.randomUUID() + ":tag"),
            b64("v2:1700000000123456:" + UUID.randomUUID() + ":' OR '1'='1"),
            b64("v2:1700000000123456:" + UUID.randomUUID() + ":"),
            b64("' OR '1'='1"));
    for (String cursor : garbage) {
      Expected invalid = Expected.problem(400, "invalid_cursor");
      cases.add(
          HostileRequest.to("GET", api("/jobs?cursor=" + encode(cursor)))
              .auth(callers.owner())
              .expect(
                  "job list cursor " + shown(cursor),
                  // a request line past the HTTP layer's 8 KiB may be refused there
                  cursor.length() > 8000 ? invalid.orRefusedByContainer() : invalid));
    }
    get(
        "/jobs?cursor=" + encode(othersCursor),
        "job list cursor of another tenant",
        400,
        "invalid_cursor");
    String tampered = tamper(othersCursor);
    get(
        "/jobs?cursor=" + encode(tampered),
        "job list cursor of another tenant, tampered",
        400,
        "invalid_cursor");
    String plain = new String(Base64.getUrlDecoder().decode(othersCursor), StandardCharsets.UTF_8);
    String moved = plain.replaceFirst(":(\\d)", ":9$1");
    get(
        "/jobs?cursor=" + encode(b64(moved)),
        "job list cursor of another tenant, its time moved",
        400,
        "invalid_cursor");
    String job = "/jobs/" + UUID.randomUUID();
    for (String cursor : List.of("!!!!", b64("r1:-1"), b64("r1:" + Long.MIN_VALUE), othersCursor)) {
      get(job + "/result?cursor=" + encode(cursor), "result cursor " + shown(cursor), 0, null);
    }
  }

  private void filters() {
    for (String[] filter :
        new String[][] {
          {"createdFrom", "+999999999-12-31T23:59:59Z"},
          {"createdFrom", "-999999999-01-01T00:00:00Z"},
          {"createdTo", "+10000-01-01T00:00:00Z"},
          {"createdTo", "0000-01-01T00:00:00Z"},
          {"createdFrom", "2026-13-45T25:61:61Z"},
          {"createdFrom", "now"},
          {"createdFrom", "1700000000"},
          {"createdTo", "2026-11-29T00:00:00Z' OR '1'='1"},
          {"state", "QUEUED' OR '1'='1"},
          {"state", "QUEUED,,BOGUS"},
          {"format", "CSV;DROP TABLE jobs"},
          {"format", "pdf\u0000"},
          {"sort", "-created; DROP TABLE jobs"},
          {"sort", "name"},
          {"filename", "a\u0000b"},
          {"filename", "f".repeat(256)},
          {"q", "' OR 1=1 --"},
          {"q", "x\u0000y"},
          {"q", "q".repeat(201)},
          {"metadata", "k\u0000:v"},
          {"metadata", "' OR 1=1"},
          {"priority", "1;DROP TABLE jobs"},
          {"errorCategory", "x' OR '1'='1"},
          {"template", "../../etc/passwd"},
          {"submittedBy", "s".repeat(201)},
          {"total", "1 OR 1"}
        }) {
      get(
          "/jobs?" + filter[0] + "=" + encode(filter[1]),
          "job list " + filter[0] + "=" + shown(filter[1]),
          400,
          "invalid_request");
    }
  }

  private void ids() {
    for (String id :
        List.of(
            "1",
            "00000000-0000-0000-0000-00000000000g",
            "00000000000000000000000000000000",
            UUID.randomUUID() + "x",
            "{" + UUID.randomUUID() + "}",
            "' OR 1=1 --",
            "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e",
            "null",
            "undefined")) {
      Expected notFound = Expected.anyClientError().orRefusedByContainer();
      cases.add(
          HostileRequest.to("GET", api("/status/" + encode(id)))
              .auth(callers.owner())
              .expect("status of id " + shown(id), notFound));
      cases.add(
          HostileRequest.to("POST", api("/jobs/" + encode(id) + "/cancel"))
              .auth(callers.owner())
              .expect("cancel of id " + shown(id), notFound));
      cases.add(
          HostileRequest.to("DELETE", api("/api-keys/" + encode(id)))
              .auth(callers.owner())
              .expect("revoke of key id " + shown(id), notFound));
    }
    get("/status/" + UUID.randomUUID(), "status of an unknown job", 404, "job_not_found");
    cases.add(
        HostileRequest.to("DELETE", api("/jobs/" + UUID.randomUUID()))
            .auth(callers.owner())
            .expect("withdrawal of an unknown job", 404, "job_not_found"));
    cases.add(
        HostileRequest.to("DELETE", api("/api-keys/" + UUID.randomUUID()))
            .auth(callers.owner())
            .expect("revoke of an unknown key", 404, "api_key_not_found"));
  }

  private void apiKeys() {
    String[][] bodies = {
      {"{\"name\":\"a\\u0000b\"}", "invalid_request"},
      {"{\"name\":\"a\\ud800b\"}", "invalid_request"},
      {"{\"name\":\"\\udc00\"}", "invalid_request"},
      {"{\"name\":\"corpus\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}", "invalid_request"},
      {"{\"name\":\"corpus\",\"expiresAt\":\"+10000-01-01T00:00:00Z\"}", "invalid_request"},
      {"{\"name\":\"corpus\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", "invalid_request"},
      {"{\"name\":\"corpus\",\"expiresAt\":99999999999999999999999999}", null},
      {"{\"name\":\"corpus\",\"expiresAt\":1e400}", null},
      {"{\"name\":\"corpus\",\"expiresAt\":-1e400}", null},
      {"{\"name\":\"corpus\",\"expiresAt\":\"tomorrow\"}", "malformed_json"},
      {"{\"name\":\"" + "n".repeat(101) + "\"}", "invalid_request"},
      {"{\"name\":\"" + "n".repeat(1_000_000) + "\"}", null},
      {"{\"name\":\"   \"}", "invalid_request"},
      {"{\"name\":\"corpus\",\"roles\":[\"' OR '1'='1\"]}", "invalid_request"},
      {"{\"name\":\"corpus\",\"roles\":[null]}", "invalid_request"},
      {"{\"name\":\"corpus\",\"roles\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", "invalid_request"},
      {"{\"name\":\"corpus\",\"roles\":\"owner\"}", "malformed_json"},
      {"{\"name\":\"corpus\",\"roles\":[[\"owner\"]]}", "malformed_json"},
      {"{\"name\":{\"$ne\":null}}", "malformed_json"},
      {"{\"name\":\"corpus\",\"tenant_id\":\"other\"}", "malformed_json"},
      {"{\"name\":\"corpus\",\"name\":\"twice\"}", "malformed_json"},
      {"{\"name\":\"corpus\",\"roles\":[\"viewer\"],\"roles\":[\"owner\"]}", "malformed_json"},
      {"null", "invalid_request"},
      {"", "invalid_request"}
    };
    for (String[] body : bodies) {
      cases.add(
          HostileRequest.to("POST", api("/api-keys"))
              .auth(callers.owner())
              .body("application/json", body[0])
              .expect("API key body " + shown(body[0]), 400, body[1]));
    }
    cases.add(
        HostileRequest.to("POST", api("/api-keys"))
            .auth(callers.owner())
            .body("application/json", "{\"name\":\"corpus\",\"roles\":[\"operator\"]}")
            .expect("API key with the platform's operator role", 403, "role_not_grantable"));
    cases.add(
        HostileRequest.to("POST", api("/api-keys"))
            .auth(callers.owner())
            .header("Content-Type", "application/json")
            .header("Content-Length", "40")
            .rawBody("{\"name\":".getBytes(StandardCharsets.UTF_8))
            .delivery(HostileRequest.Delivery.THEN_WAIT)
            .expect("API key body claiming 40 bytes, 8 sent, then silence", 400, "malformed_json"));
    cases.add(
        HostileRequest.to("POST", api("/api-keys"))
            .auth(callers.owner())
            .header("Content-Type", "application/json")
            .header("Content-Length", "5")
            .rawBody("{\"name\":\"corpus\"}".getBytes(StandardCharsets.UTF_8))
            .expect("API key body longer than its Content-Length", 400, "malformed_json"));
    cases.add(
        HostileRequest.to("POST", api("/api-keys"))
            .auth(callers.owner())
            .header("Content-Type", "application/json")
            .header("Content-Length", "40")
            .rawBody("{\"name\":".getBytes(StandardCharsets.UTF_8))
            .delivery(HostileRequest.Delivery.THEN_CLOSE_SENDING)
            .expect(
                "API key body cut short, then the client closes",
                Expected.problem(400, "malformed_json").orUnanswered()));
  }

  private void get(String path, String name, int status, String code) {
    cases.add(
        HostileRequest.to("GET", api(path))
            .auth(callers.owner())
            .expect(
                name, status == 0 ? Expected.anyClientError() : Expected.problem(status, code)));
  }

  private static String b64(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor with one character in its middle changed. */
  private static String tamper(String cursor) {
    char[] chars = cursor.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
    return new String(chars);
  }
}
