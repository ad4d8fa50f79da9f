package io.fileparser.it;

import static io.fileparser.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Authentication failures audited in bulk (windows of 3 s in this domain): a burst of bad API keys
 * and bad tokens becomes one {@code auth.failures} record per window in the trail of the tenant it
 * claims (when that tenant exists) or the platform's, with the right counts by reason, no presented
 * secret in it, each tenant's admins seeing only their own, and the chain still whole.
 */
class AuthFailuresAuditIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration FLUSHED = Duration.ofSeconds(60);
  private static final Duration WINDOW = Duration.ofSeconds(3);

  @Test
  void aBurstOfBadCredentialsBecomesOneRecordPerWindowInTheClaimedTenantsTrail() {
    Instant began = Instant.now().minusSeconds(1);
    String tenant = Tenants.fresh();
    String other = Tenants.fresh();
    String admin = Tokens.of(tenant, "admin");
    String otherAdmin = Tokens.of(other, "admin");
    String key = createKey(admin); // registers the tenant
    String otherKey = createKey(otherAdmin);
    String wrongKey = wrongSecretOf(key);
    String otherWrongKey = wrongSecretOf(otherKey);
    String foreign = Tokens.signedByForeignKey(tenant, "admin");
    String expired = Tokens.expired(tenant, "admin");

    for (int i = 0; i < 100; i++) {
      assertProblem(Api.get("/jobs").apiKey(wrongKey).send(), 401, "invalid_api_key");
    }
    for (int i = 0; i < 50; i++) {
      assertEquals(401, Api.get("/jobs").bearer(foreign).send().status());
      assertEquals(401, Api.get("/jobs").bearer(expired).send().status());
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(401, Api.get("/jobs").apiKey(otherWrongKey).send().status());
    }

    List<JsonNode> records = awaitFailures(admin, tenant, began, 200);
    Jobs.sleep(2 * WINDOW.toMillis() + 1000);
    records = failureRecords(admin, began);
    assertEquals(200, total(records), "no window recorded twice: " + records);

    Set<String> windows = new HashSet<>();
    long wrongSecret = 0;
    long badSignature = 0;
    long expiredTokens = 0;
    for (JsonNode record : records) {
      assertEquals(tenant, record.path("tenantId").asText(), record::toString);
      assertEquals("system:authentication", record.path("actor").asText());
      assertEquals("time_window", record.path("targetType").asText());
      assertTrue(windows.add(record.path("targetId").asText()), "one record per window");
      JsonNode details = details(record);
      JsonNode reasons = details.path("byReason");
      wrongSecret += reasons.path("api_key_wrong_secret").asLong();
      badSignature += reasons.path("token_bad_signature").asLong();
      expiredTokens += reasons.path("token_expired").asLong();
      assertEquals(
          details.path("failures").asLong(),
          details.path("bySource").path("127.0.0.1").asLong(),
          details::toString);
      Instant start = Instant.parse(details.path("windowStart").asText());
      Instant end = Instant.parse(details.path("windowEnd").asText());
      assertEquals(WINDOW, Duration.between(start, end), details::toString);
      assertEquals(start + "/" + end, record.path("targetId").asText());
      Instant first = Instant.parse(details.path("first").asText());
      Instant last = Instant.parse(details.path("last").asText());
      assertFalse(first.isBefore(start) || last.isBefore(first) || !last.isBefore(end));
      for (var prefix :
          (Iterable<Map.Entry<String, JsonNode>>) details.path("byKeyPrefix")::fields) {
        assertEquals(prefixOf(key), prefix.getKey(), "only this tenant's key: " + details);
      }
      assertNoSecretIn(record, wrongKey, key, otherWrongKey, foreign, expired);
    }
    assertEquals(100, wrongSecret);
    assertEquals(50, badSignature);
    assertEquals(50, expiredTokens);

    List<JsonNode> others = awaitFailures(otherAdmin, other, began, 20);
    for (JsonNode record : others) {
      assertEquals(other, record.path("tenantId").asText());
      assertEquals(20, total(others), others::toString);
      assertFalse(record.toString().contains(prefixOf(key)), "no other tenant's failures");
      assertNoSecretIn(record, otherWrongKey, otherKey);
    }
    assertProblem(
        Api.get("/admin/audit?action=auth.failures&tenantId=" + other).bearer(admin).send(),
        403,
        "forbidden");

    JsonNode verdict = Api.get("/admin/audit/verify").bearer(Tokens.operator()).send().json();
    assertTrue(verdict.path("intact").asBoolean(), verdict::toString);
  }

  @Test
  void failuresClaimingNoTenantThatExistsGoToThePlatformsTrailOnly() {
    Instant began = Instant.now().minusSeconds(1);
    String ghost = Tenants.fresh(); // never registered
    String foreign = Tokens.signedByForeignKey(ghost, "owner");
    String unknownKey = "fpk_" + random(12) + "_" + random(43);
    for (int i = 0; i < 30; i++) {
      assertEquals(401, Api.get("/jobs").bearer(foreign).send().status());
    }
    for (int i = 0; i < 5; i++) {
      assertEquals(401, Api.get("/jobs").apiKey(unknownKey).send().status());
      assertEquals(
          401, Api.get("/jobs").header("Authorization", "Basic Zm9vOmJhcg==").send().status());
      assertEquals(401, Api.get("/jobs").send().status());
    }

    String operator = Tokens.operator();
    List<JsonNode> platform =
        await(
            () -> failureRecords(operator, began),
            records -> claimed(records, ghost) >= 30,
            "30 failures claiming " + ghost + " in the platform's trail");
    assertEquals(30, claimed(platform, ghost));
    long unknownKeys = 0;
    for (JsonNode record : platform) {
      if (!record.path("tenantId").asText().equals("*")) {
        continue;
      }
      unknownKeys += details(record).path("byReason").path("api_key_unknown").asLong();
      assertNoSecretIn(record, unknownKey, foreign, "Zm9vOmJhcg==");
    }
    assertTrue(unknownKeys >= 5, "unknown keys counted: " + platform);
    assertTrue(
        platform.stream().anyMatch(r -> details(r).path("byReason").has("scheme_unsupported")));
    assertTrue(
        platform.stream().anyMatch(r -> details(r).path("byReason").has("credentials_missing")));

    JsonNode ghosts =
        Api.get("/admin/audit?tenantId=" + ghost).bearer(operator).send().json().path("items");
    assertEquals(0, ghosts.size(), "a tenant that does not exist gets no trail");
    String admin = Tokens.of(Tenants.fresh(), "admin");
    assertEquals(
        0, failureRecords(admin, began).size(), "a tenant's admin sees no platform records");
  }

  private static String createKey(String admin) {
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(admin)
            .json(Map.of("name", "audited-" + UUID.randomUUID(), "roles", List.of("service")))
            .send();
    assertEquals(201, response.status(), response::toString);
    return response.json().path("secret").asText();
  }

  /** The key's prefix with a secret that is not its own. */
  private static String wrongSecretOf(String key) {
    return "fpk_" + prefixOf(key) + "_" + random(43);
  }

  private static String prefixOf(String key) {
    return key.split("_")[1];
  }

  private static String random(int length) {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** The presented secrets and tokens, or any telling part of them, appear nowhere. */
  private static void assertNoSecretIn(JsonNode record, String... presented) {
    String text = record.toString();
    for (String secret : presented) {
      List<String> parts = new ArrayList<>(List.of(secret));
      if (secret.startsWith("fpk_")) {
        parts.add(secret.substring(secret.lastIndexOf('_') + 1)); // the secret part
      } else if (secret.contains(".")) {
        parts.addAll(List.of(secret.split("\\."))); // a JWT's header, claims and signature
      }
      for (String part : parts) {
        assertFalse(part.length() > 8 && text.contains(part), () -> "a secret in " + text);
      }
    }
  }

  private static List<JsonNode> awaitFailures(
      String token, String tenant, Instant since, long expected) {
    List<JsonNode> records =
        await(
            () -> failureRecords(token, since),
            found -> total(found) >= expected,
            expected + " failures in the trail of " + tenant);
    assertEquals(expected, total(records), records::toString);
    return records;
  }

  private static List<JsonNode> failureRecords(String token, Instant since) {
    List<JsonNode> records = new ArrayList<>();
    String cursor = null;
    do {
      ApiResponse response =
          Api.get(
                  "/admin/audit?action=auth.failures&limit=200&from="
                      + since
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .bearer(token)
              .send();
      assertEquals(200, response.status(), response::toString);
      response.json().path("items").forEach(records::add);
      cursor =
          response.json().path("next").isTextual() ? response.json().path("next").asText() : null;
    } while (cursor != null);
    return records;
  }

  private static long total(List<JsonNode> records) {
    return records.stream().mapToLong(r -> details(r).path("failures").asLong()).sum();
  }

  private static long claimed(List<JsonNode> records, String tenant) {
    return records.stream()
        .mapToLong(r -> details(r).path("byUnknownTenant").path(tenant).asLong())
        .sum();
  }

  private static JsonNode details(JsonNode record) {
    try {
      return JSON.readTree(record.path("details").asText());
    } catch (Exception e) {
      throw new AssertionError("details are not JSON: " + record, e);
    }
  }

  private static List<JsonNode> await(
      java.util.function.Supplier<List<JsonNode>> read,
      Predicate<List<JsonNode>> done,
      String what) {
    Instant deadline = Instant.now().plus(FLUSHED);
    List<JsonNode> last = List.of();
    while (Instant.now().isBefore(deadline)) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      Jobs.sleep(500);
    }
    throw new AssertionError("no " + what + " within " + FLUSHED + ": " + last);
  }
}
