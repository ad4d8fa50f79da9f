package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationIT {

  @Test
  void refusesReadingWithoutCredentials() {
    ApiResponse response = Api.get("/jobs").send();

    Problems.assertProblem(response, 401, "authentication_required");
  }

  @Test
  void refusesUploadWithoutCredentialsAndStoresNothing() {
    Leftovers leftovers = Leftovers.watch(Tenants.fresh());
    ApiResponse response =
        Api.post("/upload").multipart(Multipart.file("a.csv", SampleFiles.csv("anon"))).send();

    Problems.assertProblem(response, 401, "authentication_required");
    leftovers.assertNone();
  }

  static Stream<Arguments> badTokens() {
    String tenant = Tenants.fresh();
    return Stream.of(
        Arguments.of("garbage", "not-a-jwt"),
        Arguments.of("three garbage segments", "abc.def.ghi"),
        Arguments.of("expired", Tokens.expired(tenant, "admin")),
        Arguments.of("signed by a foreign key", Tokens.signedByForeignKey(tenant, "admin")),
        Arguments.of("alg none", Tokens.unsigned(tenant, "admin")),
        Arguments.of("wrong issuer", Tokens.withIssuer("https://evil.example", tenant, "admin")),
        Arguments.of("signature of another token", forgedPayload(tenant)),
        Arguments.of(
            "another audience", Tokens.withAudiences(List.of("another-api"), tenant, "admin")),
        Arguments.of("no audience", Tokens.withoutAudience(tenant, "admin")),
        Arguments.of(
            "expired beyond the clock skew",
            Tokens.issuedAgo(
                Duration.ofHours(1).plus(Tokens.CLOCK_SKEW).plusSeconds(60),
                Duration.ofHours(1),
                tenant,
                "admin")),
        Arguments.of(
            "older than the maximum age though not expired",
            Tokens.issuedAgo(
                Tokens.MAX_AGE.plus(Tokens.CLOCK_SKEW).plusSeconds(120),
                Duration.ofHours(3),
                tenant,
                "admin")));
  }

  /** {@code mp.jwt.verify.clock.skew}: a clock a little ahead must not lock callers out. */
  @Test
  void acceptsTokenExpiredWithinTheClockSkew() {
    String token =
        Tokens.issuedAgo(
            Duration.ofHours(1).plus(Tokens.CLOCK_SKEW.dividedBy(3)),
            Duration.ofHours(1),
            Tenants.fresh(),
            "viewer");

    ApiResponse response = Api.get("/jobs").bearer(token).send();

    assertEquals(200, response.status(), response::toString);
  }

  @Test
  void acceptsTokenYoungerThanTheMaximumAge() {
    String token =
        Tokens.issuedAgo(
            Tokens.MAX_AGE.minusSeconds(300), Duration.ofHours(2), Tenants.fresh(), "viewer");

    ApiResponse response = Api.get("/jobs").bearer(token).send();

    assertEquals(200, response.status(), response::toString);
  }

  @Test
  void acceptsTokenNamingThisApiAmongOtherAudiences() {
    String token =
        Tokens.withAudiences(List.of("another-api", Tokens.AUDIENCE), Tenants.fresh(), "viewer");

    ApiResponse response = Api.get("/jobs").bearer(token).send();

    assertEquals(200, response.status(), response::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void refusesBadBearerToken(String kind, String token) {
    ApiResponse response = Api.get("/jobs").bearer(token).send();

    Problems.assertProblem(response, 401, "invalid_token");
  }

  /**
   * Refused tokens are a client's mistake or an attack, not a server failure: 50 of them must not
   * leave 50 stack traces in the server log, at most one short record each. Only records about
   * tokens count, so background work logging meanwhile does not make this fail.
   */
  @Test
  void aFloodOfBadTokensLeavesNoStackTracesInTheServerLog() {
    List<String> tokens = badTokens().map(arguments -> (String) arguments.get()[1]).toList();
    ServerLog log = ServerLog.mark();

    for (int i = 0; i < 50; i++) {
      ApiResponse response = Api.get("/jobs").bearer(tokens.get(i % tokens.size())).send();
      assertEquals(401, response.status(), response::toString);
    }

    List<String> aboutTokens =
        log.records().stream().filter(r -> r.matches("(?is).*(jwt|bearer|token).*")).toList();
    List<String> withStackTrace =
        aboutTokens.stream().filter(r -> r.matches("(?s).*\\n\\s+at [\\w$.]+\\(.*")).toList();
    assertTrue(
        withStackTrace.isEmpty(),
        () ->
            withStackTrace.size()
                + " records with stack traces for 50 bad tokens, the first:\n"
                + withStackTrace.get(0));
    assertTrue(aboutTokens.size() <= 50, () -> aboutTokens.size() + " records for 50 bad tokens");
    aboutTokens.forEach(
        r -> assertTrue(r.lines().count() <= 3, () -> "not one short record: " + r));
  }

  /** RFC 9110 section 15.5.2: a 401 answer must send a challenge naming the accepted schemes. */
  @Test
  void everyUnauthorizedAnswerChallengesWithWwwAuthenticate() {
    String tenant = Tenants.fresh();
    ApiResponse none = Api.get("/jobs").send();
    ApiResponse badToken = Api.get("/jobs").bearer(Tokens.expired(tenant, "viewer")).send();
    ApiResponse badKey = Api.get("/jobs").apiKey("fpk_unknown").send();

    assertAll(
        Stream.of(none, badToken, badKey)
            .map(
                response ->
                    () -> {
                      assertEquals(401, response.status(), response::toString);
                      assertTrue(
                          response.header("WWW-Authenticate").orElse("").contains("Bearer"),
                          () ->
                              "no WWW-Authenticate challenge on "
                                  + response
                                  + " "
                                  + response.headers());
                    }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void refusesUploadWithBadBearerTokenAndStoresNothing(String kind, String token) {
    Leftovers leftovers = Leftovers.watch(Tenants.fresh());
    ApiResponse response =
        Api.post("/upload")
            .bearer(token)
            .multipart(Multipart.file("a.csv", SampleFiles.csv("bad-token")))
            .send();

    Problems.assertProblem(response, 401, "invalid_token");
    leftovers.assertNone();
  }

  @Test
  void refusesUnknownApiKeyInEitherHeader() {
    String bogus = "fpk_" + UUID.randomUUID().toString().replace("-", "");

    Problems.assertProblem(Api.get("/jobs").apiKey(bogus).send(), 401, "invalid_api_key");
    Problems.assertProblem(
        Api.get("/jobs").header("Authorization", "ApiKey " + bogus).send(), 401, "invalid_api_key");
    Problems.assertProblem(Api.get("/jobs").apiKey("x").send(), 401, "invalid_api_key");
  }

  @Test
  void viewerReadsJobsButCannotUpload() {
    String tenant = Tenants.fresh();
    String viewer = Tokens.of(tenant, "viewer");

    assertEquals(200, Api.get("/jobs").bearer(viewer).send().status());
    Leftovers leftovers = Leftovers.watch(tenant);
    ApiResponse upload =
        Uploads.multipart(viewer, Multipart.file("a.csv", SampleFiles.csv("viewer")));

    Problems.assertProblem(upload, 403, "forbidden");
    leftovers.assertNone();
  }

  @Test
  void tokenWithoutRolesCannotRead() {
    ApiResponse response = Api.get("/jobs").bearer(Tokens.of(Tenants.fresh())).send();

    Problems.assertProblem(response, 403, "forbidden");
  }

  @ParameterizedTest
  @ValueSource(strings = {"member", "admin", "owner", "service"})
  void everyUploadingRoleMayUpload(String role) {
    String tenant = Tenants.fresh();
    ApiResponse response =
        Uploads.multipart(
            Tokens.of(tenant, role), Multipart.file("a.csv", SampleFiles.csv("role-" + role)));

    assertEquals(201, response.status(), response::toString);
  }

  @Test
  void tokenWithoutTenantIsForbidden() {
    Problems.assertProblem(
        Api.get("/jobs").bearer(Tokens.withoutTenant("admin")).send(), 403, "tenant_missing");
    Leftovers leftovers = Leftovers.watch(Tenants.fresh());
    ApiResponse upload =
        Uploads.multipart(
            Tokens.withoutTenant("member"), Multipart.file("a.csv", SampleFiles.csv("no-tenant")));
    Problems.assertProblem(upload, 403, "tenant_missing");
    leftovers.assertNone();
  }

  @Test
  void anotherTenantsJobIsNotFound() {
    JsonNode job = Uploads.create(Tenants.fresh(), "secret.csv", SampleFiles.csv("other-tenant"));

    ApiResponse response =
        Api.get("/status/" + job.path("id").asText())
            .bearer(Tokens.of(Tenants.fresh(), "admin"))
            .send();

    JsonNode problem = Problems.assertProblem(response, 404, "job_not_found");
    assertTrue(!response.text().contains("secret.csv"), problem::toString);
  }

  @Test
  void unknownJobIsNotFound() {
    ApiResponse response =
        Api.get("/status/" + UUID.randomUUID()).bearer(Tokens.of(Tenants.fresh(), "viewer")).send();

    Problems.assertProblem(response, 404, "job_not_found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-uuid", "1", "00000000-0000-0000-0000-00000000000g"})
  void nonUuidJobIdIsNotFound(String id) {
    ApiResponse response =
        Api.get("/status/" + id).bearer(Tokens.of(Tenants.fresh(), "viewer")).send();

    assertEquals(404, response.status(), response::toString);
    assertTrue(
        response.contentType().startsWith("application/problem+json"), response::contentType);
  }

  /** A valid token's signature glued to a payload naming another tenant. */
  private static String forgedPayload(String tenant) {
    String[] genuine = Tokens.of(tenant, "viewer").split("\\.");
    String[] other = Tokens.of(Tenants.fresh(), "owner").split("\\.");
    return genuine[0] + "." + other[1] + "." + genuine[2];
  }
}
