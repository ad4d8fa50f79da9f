package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a closed window of failures is split into audit records and written as their details. */
class FailureWindowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_764_496_800_000L; // 2025-11-30T10:00:00Z
  private static final String MEMBER = START + ":60000";

  @Test
  void failuresClaimingAnExistingTenantGoToItsTrailAndTheRestToThePlatforms() throws Exception {
    FailureWindow window =
        FailureWindow.of(
            MEMBER,
            List.of(
                "c|acme|api_key_wrong_secret|10.0.0.1|AbCdEfGh2345", "7",
                "c|acme|token_bad_signature|10.0.0.2|", "3",
                "c|ghost|token_expired|10.0.0.3|", "2",
                "c||credentials_missing|10.0.0.1|", "5",
                "f|acme", Long.toString(START + 1000),
                "l|acme", Long.toString(START + 9000),
                "f|ghost", Long.toString(START + 500),
                "l|ghost", Long.toString(START + 700),
                "f|", Long.toString(START + 2000),
                "l|", Long.toString(START + 59_000)));

    List<FailureSummary> summaries = window.summaries(Set.of("acme"));

    assertEquals(2, summaries.size());
    FailureSummary acme = summaries.get(0);
    assertEquals("acme", acme.tenantId());
    assertEquals(10, acme.total());
    assertEquals(Map.of("api_key_wrong_secret", 7L, "token_bad_signature", 3L), acme.byReason());
    assertEquals(Map.of("10.0.0.1", 7L, "10.0.0.2", 3L), acme.bySource());
    assertEquals(Map.of("AbCdEfGh2345", 7L), acme.byKeyPrefix());
    assertEquals(Instant.ofEpochMilli(START + 1000), acme.first());
    assertEquals(Instant.ofEpochMilli(START + 9000), acme.last());

    FailureSummary platform = summaries.get(1);
    assertNull(platform.tenantId());
    assertEquals(7, platform.total());
    assertEquals(Map.of("token_expired", 2L, "credentials_missing", 5L), platform.byReason());
    assertEquals(Map.of("ghost", 2L), platform.byUnknownTenant());
    assertEquals(Instant.ofEpochMilli(START + 500), platform.first(), "the earliest of its shares");
    assertEquals(Instant.ofEpochMilli(START + 59_000), platform.last());

    JsonNode details = JSON.readTree(acme.details());
    assertEquals(10, details.path("failures").asLong());
    assertEquals(7, details.path("byReason").path("api_key_wrong_secret").asLong());
    assertEquals("2025-11-30T10:00:00Z", details.path("windowStart").asText());
    assertEquals("2025-11-30T10:01:00Z", details.path("windowEnd").asText());
    assertEquals("2025-11-30T10:00:00Z/2025-11-30T10:01:00Z", acme.targetId());
    assertFalse(details.has("byUnknownTenant"), "a tenant's record names no other tenant");
    assertTrue(JSON.readTree(platform.details()).path("byUnknownTenant").has("ghost"));
  }

  @Test
  void aWindowWithoutFailuresOwesNoRecord() {
    assertEquals(List.of(), FailureWindow.of(MEMBER, List.of()).summaries(Set.of()));
  }

  @Test
  void aTenantThatDoesNotExistGetsNoRecordOfItsOwn() {
    FailureWindow window =
        FailureWindow.of(
            MEMBER, List.of("c|ghost|api_key_wrong_secret|10.0.0.1|AbCdEfGh2345", "4"));

    List<FailureSummary> summaries = window.summaries(Set.of());

    assertEquals(1, summaries.size());
    assertNull(summaries.get(0).tenantId());
    assertEquals(Set.of("ghost"), window.claimedTenants());
  }

  @Test
  void longListsNameTheMostFrequentAndCountTheRestWithinTheColumn() throws Exception {
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String tenant = "t-" + "x".repeat(50) + i;
      String source = "2001:db8:ffff:ffff:ffff:ffff:ffff:" + Integer.toHexString(i);
      fields.add("c|" + tenant + "|token_expired|" + source + "|");
      fields.add(Integer.toString(i + 1));
    }

    FailureSummary platform = FailureWindow.of(MEMBER, fields).summaries(Set.of()).get(0);
    String text = platform.details();

    assertTrue(text.length() <= FailureSummary.MAX_DETAILS, () -> text.length() + " characters");
    JsonNode details = JSON.readTree(text);
    assertEquals(500L * 501 / 2, details.path("failures").asLong());
    JsonNode sources = details.path("bySource");
    assertTrue(sources.size() <= FailureSummary.LIST_LIMIT && sources.size() > 0);
    assertTrue(sources.has("2001:db8:ffff:ffff:ffff:ffff:ffff:1f3"), "the most frequent first");
    long shown = 0;
    for (JsonNode count : sources) {
      shown += count.asLong();
    }
    assertEquals(500L * 501 / 2, shown + details.path("otherSources").asLong());
  }

  @Test
  void fieldsThatAreNotCountsAreIgnored() {
    FailureWindow window =
        FailureWindow.of(
            MEMBER, List.of("c|broken", "3", "c||token_expired|1.2.3.4|", "x", "z", "1"));

    assertEquals(List.of(), window.summaries(Set.of()));
  }
}
