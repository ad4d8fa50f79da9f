package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Browser pages of the configured origins may call the API (CORS; the system tests' server allows
 * {@value #CONSOLE}, integration-tests/pom.xml), no other origin may, and every answer tells the
 * browser not to sniff, frame or cache it.
 */
class BrowserAccessIT {

  static final String CONSOLE = "https://console.example.test";

  @Test
  void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentials() {
    ApiResponse preflight =
        Api.call("OPTIONS", TestEnvironment.apiUri("/upload/stream/" + UUID.randomUUID()))
            .header("Origin", CONSOLE)
            .header("Access-Control-Request-Method", "PATCH")
            .header("Access-Control-Request-Headers", "authorization, upload-offset, tus-resumable")
            .send();

    assertEquals(204, preflight.status(), preflight::toString);
    assertEquals(CONSOLE, preflight.header("Access-Control-Allow-Origin").orElse(null));
    assertTrue(preflight.header("Access-Control-Allow-Methods").orElse("").contains("PATCH"));
    String headers = preflight.header("Access-Control-Allow-Headers").orElse("");
    assertTrue(headers.contains("Authorization") && headers.contains("Upload-Offset"), headers);
    assertEquals("600", preflight.header("Access-Control-Max-Age").orElse(null));
    assertFalse(preflight.header("Access-Control-Allow-Credentials").isPresent());
  }

  @Test
  void aPreflightFromAnyOtherOriginIsRefused() {
    ApiResponse preflight =
        Api.call("OPTIONS", TestEnvironment.apiUri("/jobs"))
            .header("Origin", "https://console.example.test.evil.test")
            .header("Access-Control-Request-Method", "GET")
            .send();

    assertEquals(403, preflight.status(), preflight::toString);
    assertEquals("forbidden", preflight.json().path("code").asText());
    assertFalse(preflight.header("Access-Control-Allow-Origin").isPresent());
  }

  @Test
  void aPageOfAnAllowedOriginReadsTheAnswerAndItsFields() {
    String tenant = Tenants.fresh();
    ApiResponse listed =
        Api.call("GET", TestEnvironment.apiUri("/jobs"))
            .bearer(Tokens.of(tenant, "viewer"))
            .header("Origin", CONSOLE)
            .send();

    assertEquals(200, listed.status(), listed::toString);
    assertEquals(CONSOLE, listed.header("Access-Control-Allow-Origin").orElse(null));
    String exposed = listed.header("Access-Control-Expose-Headers").orElse("");
    assertTrue(exposed.contains("RateLimit") && exposed.contains("Location"), exposed);
    assertTrue(listed.header("Vary").orElse("").contains("Origin"));
  }

  @Test
  void aRefusalReachesThePageToo() {
    ApiResponse anonymous =
        Api.call("GET", TestEnvironment.apiUri("/jobs")).header("Origin", CONSOLE).send();

    assertEquals(401, anonymous.status(), anonymous::toString);
    assertEquals(CONSOLE, anonymous.header("Access-Control-Allow-Origin").orElse(null));
    assertSafe(anonymous);
  }

  @Test
  void anotherOriginGetsNoCorsFields() {
    ApiResponse listed =
        Api.call("GET", TestEnvironment.apiUri("/jobs"))
            .bearer(Tokens.of(Tenants.fresh(), "viewer"))
            .header("Origin", "https://elsewhere.test")
            .send();

    assertEquals(200, listed.status());
    assertFalse(listed.header("Access-Control-Allow-Origin").isPresent());
    assertFalse(listed.header("Access-Control-Expose-Headers").isPresent());
  }

  @Test
  void everyAnswerIsMarkedNotToBeSniffedFramedOrCached() {
    String token = Tokens.of(Tenants.fresh(), "viewer");
    assertSafe(Api.call("GET", TestEnvironment.apiUri("/jobs")).bearer(token).send());
    ApiResponse missing =
        Api.call("GET", TestEnvironment.apiUri("/status/" + UUID.randomUUID()))
            .bearer(token)
            .send();
    assertEquals(404, missing.status());
    assertSafe(missing);
    ApiResponse noSuchPath =
        Api.call("GET", TestEnvironment.apiUri("/no-such-thing")).bearer(token).send();
    assertEquals(404, noSuchPath.status());
    assertSafe(noSuchPath);
  }

  private static void assertSafe(ApiResponse response) {
    assertEquals(
        "nosniff", response.header("X-Content-Type-Options").orElse(null), response::toString);
    assertEquals("DENY", response.header("X-Frame-Options").orElse(null));
    assertEquals(
        "default-src 'none'; frame-ancestors 'none'",
        response.header("Content-Security-Policy").orElse(null));
    assertEquals("no-referrer", response.header("Referrer-Policy").orElse(null));
    assertEquals("no-store", response.header("Cache-Control").orElse(null));
    assertFalse(response.header("X-Powered-By").isPresent(), "no server version to match");
    assertFalse(response.header("Server").isPresent(), "no server version to match");
  }
}
