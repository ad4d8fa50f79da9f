package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Rate limits per principal and endpoint class (issue 13). The system tests' server gives the
 * {@code free} tier tiny quotas (integration-tests/pom.xml: 6 reads, 4 changes and 2 uploads a
 * minute, one upload streaming at a time) and every other tier quotas no other test comes near;
 * each test puts a tenant of its own on the free tier before its first request.
 */
class RateLimitIT {

  static final String READ_POLICY = "\"read\";q=6;w=60";

  @Test
  void aPrincipalOverItsQuotaIsRefusedWith429AndToldWhenToComeBack() throws SQLException {
    String tenant = freeTenant();
    String token = Tokens.of(tenant, "viewer");
    for (int left = 5; left >= 0; left--) {
      ApiResponse listed = listJobs(token);
      assertEquals(200, listed.status(), listed::toString);
      assertEquals(READ_POLICY, listed.header("RateLimit-Policy").orElse(null));
      assertTrue(
          listed.header("RateLimit").orElse("").startsWith("\"read\";r=" + left + ";t="),
          listed::toString);
    }

    ApiResponse refused = listJobs(token);

    assertEquals(429, refused.status(), refused::toString);
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("rate_limited", refused.json().path("code").asText());
    assertEquals("read", refused.json().path("policy").asText());
    long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
    assertTrue(
        retryAfter >= 1 && retryAfter <= 10, "one read comes back every 10 s: " + retryAfter);
    assertEquals(READ_POLICY, refused.header("RateLimit-Policy").orElse(null));
    assertTrue(refused.header("RateLimit").orElse("").startsWith("\"read\";r=0;t="));
    String metrics = Api.call("GET", TestEnvironment.serverUri("/metrics")).send().text();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("fileparser_rate_limited_total{")
                        && line.contains("policy=\"read\"")),
        "refusals are counted in /metrics");
  }

  @Test
  void eachPrincipalAndEachKindOfRequestHasABucketOfItsOwn() throws SQLException {
    String tenant = freeTenant();
    String token = Tokens.of(tenant, "member");
    for (int i = 0; i < 6; i++) {
      assertEquals(200, listJobs(token).status());
    }
    assertEquals(429, listJobs(token).status());

    // A change by the same principal draws on the write bucket (a cancel of no such job: 404).
    ApiResponse change =
        Api.call("POST", TestEnvironment.apiUri("/jobs/" + UUID.randomUUID() + "/cancel"))
            .bearer(token)
            .send();
    assertEquals(404, change.status(), change::toString);
    assertEquals("\"write\";q=4;w=60", change.header("RateLimit-Policy").orElse(null));

    // Another user of the same tenant reads on.
    ApiResponse other = listJobs(Tokens.bySubject("someone-else", tenant, "viewer"));
    assertEquals(200, other.status(), other::toString);
    assertTrue(other.header("RateLimit").orElse("").startsWith("\"read\";r=5;"));
  }

  @Test
  void aRequestRefusedForItsCredentialsOrRolesCostsNothing() throws SQLException {
    String tenant = freeTenant();
    String viewer = Tokens.of(tenant, "viewer");
    for (int i = 0; i < 8; i++) {
      ApiResponse forbidden =
          Api.call("GET", TestEnvironment.apiUri("/admin/workers")).bearer(viewer).send();
      assertEquals(403, forbidden.status(), forbidden::toString);
      assertFalse(forbidden.header("RateLimit").isPresent(), forbidden::toString);
    }
    ApiResponse anonymous = Api.call("GET", TestEnvironment.apiUri("/jobs")).send();
    assertEquals(401, anonymous.status());
    assertFalse(anonymous.header("RateLimit").isPresent());

    ApiResponse listed = listJobs(viewer);
    assertEquals(200, listed.status(), listed::toString);
    assertTrue(listed.header("RateLimit").orElse("").startsWith("\"read\";r=5;"));
  }

  @Test
  void uploadsHaveTheirOwnSmallerQuota() throws SQLException {
    String tenant = freeTenant();
    String token = Tokens.of(tenant, "member");
    for (int i = 0; i < 2; i++) {
      ApiResponse created = upload(token, i);
      assertEquals(201, created.status(), created::toString);
      assertEquals("\"upload\";q=2;w=60", created.header("RateLimit-Policy").orElse(null));
    }

    ApiResponse refused = upload(token, 2);

    assertEquals(429, refused.status(), refused::toString);
    assertEquals("upload", refused.json().path("policy").asText());
    // Nothing was stored for the refused one: the tenant has its two jobs.
    ApiResponse jobs = listJobs(token);
    assertEquals(2, jobs.json().path("items").size(), jobs::toString);
  }

  @Test
  void aTenantStreamsNoMoreUploadsAtOnceThanItsTierAllows() throws Exception {
    String tenant = freeTenant();
    String token = Tokens.of(tenant, "member");
    URI upload = TestEnvironment.apiUri("/upload");
    // The first upload sends its headers and first bytes, then holds (a slow client's upload).
    try (Socket first = new Socket(upload.getHost(), upload.getPort())) {
      first.setSoTimeout(60_000);
      OutputStream out = first.getOutputStream();
      byte[] head = SampleFiles.csv(tenant + " streaming");
      out.write(
          ("POST "
                  + upload.getPath()
                  + " HTTP/1.1\r\nHost: "
                  + upload.getHost()
                  + ":"
                  + upload.getPort()
                  + "\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: text/csv\r\n"
                  + "Content-Disposition: attachment; filename=\"slow.csv\"\r\n"
                  + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                  + Integer.toHexString(head.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitStreamingUploads(tenant, 1); // the server has taken its slot

      ApiResponse refused = upload(token, 1);

      assertEquals(429, refused.status(), refused::toString);
      assertEquals("too_many_uploads", refused.json().path("code").asText());
      assertEquals("5", refused.header("Retry-After").orElse(null));

      // The first one ends; it is accepted, and its slot is back.
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 201", status);
    }
    // The refused upload cost none of the tenant's two a minute.
    ApiResponse next = upload(token, 2);
    assertEquals(201, next.status(), next::toString);
  }

  /**
   * Waits until the server counts {@code count} uploads of the tenant streaming (its Redis set).
   */
  private static void awaitStreamingUploads(String tenant, long count) {
    try (JedisPooled redis = Broker.connect()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (redis.zcard("fileparser:uploads:streaming:" + tenant) < count) {
        assertTrue(System.nanoTime() < deadline, "the server never took the upload's slot");
        Jobs.sleep(50);
      }
    }
  }

  /** A new tenant on the free tier, registered before its first request. */
  static String freeTenant() throws SQLException {
    String tenant = Tenants.fresh();
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement(
                "insert into tenants (id, tier, created_at) values (?, 'free', now())")) {
      st.setString(1, tenant);
      st.executeUpdate();
    }
    return tenant;
  }

  static ApiResponse listJobs(String token) {
    return listJobs(TestEnvironment.apiUri("/jobs"), token);
  }

  static ApiResponse listJobs(URI uri, String token) {
    return Api.call("GET", uri).bearer(token).send();
  }

  private static ApiResponse upload(String token, int n) {
    return Api.call("POST", TestEnvironment.apiUri("/upload"))
        .bearer(token)
        .multipart(Multipart.file("limited-" + n + ".csv", SampleFiles.csv("limited " + n)))
        .send();
  }
}
