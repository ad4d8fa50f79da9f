package io.fileparser.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.entity.ScanPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantSettingsTest {

  @Test
  void readsEverySettingGiven() {
    TenantSettings settings =
        TenantSettings.parse(
            Map.of(
                "tier",
                "premium",
                "enabled",
                false,
                "scanPolicy",
                "quarantine",
                "allowPdfActiveContent",
                true,
                "limits",
                Map.of("concurrentUploads", 3, "jobsInFlight", 7)),
            Set.of());

    assertEquals(
        new TenantSettings("premium", false, ScanPolicy.QUARANTINE, true, true, 3, true, 7),
        settings);
  }

  @Test
  void anAbsentMemberStaysAsItIs() {
    TenantSettings settings = TenantSettings.parse(Map.of("tier", "free"), Set.of());

    assertNull(settings.enabled());
    assertNull(settings.scanPolicy());
    assertNull(settings.allowPdfActiveContent());
    assertFalse(settings.concurrentUploadsGiven());
    assertFalse(settings.jobsInFlightGiven());
  }

  @Test
  void oneLimitGivenLeavesTheOther() {
    TenantSettings settings =
        TenantSettings.parse(Map.of("limits", Map.of("jobsInFlight", 2)), Set.of());

    assertTrue(settings.jobsInFlightGiven());
    assertEquals(2, settings.jobsInFlight());
    assertFalse(settings.concurrentUploadsGiven());
  }

  @Test
  void aNullCapGoesBackToTheTiers() {
    Map<String, Object> limits = new HashMap<>();
    limits.put("concurrentUploads", null);
    Map<String, Object> body = new HashMap<>();
    body.put("limits", limits);
    assertTrue(TenantSettings.parse(body, Set.of()).concurrentUploadsGiven());
    assertNull(TenantSettings.parse(body, Set.of()).concurrentUploads());
    assertFalse(TenantSettings.parse(body, Set.of()).jobsInFlightGiven());

    limits.put("jobsInFlight", null);
    assertTrue(TenantSettings.parse(body, Set.of()).jobsInFlightGiven());
    assertNull(TenantSettings.parse(body, Set.of()).jobsInFlight());

    body.put("limits", null);
    assertTrue(TenantSettings.parse(body, Set.of()).concurrentUploadsGiven());
    assertTrue(TenantSettings.parse(body, Set.of()).jobsInFlightGiven());
  }

  @Test
  void refusesBadValuesNamingTheField() {
    Map<String, Object> nullTier = new HashMap<>();
    nullTier.put("tier", null);
    List<Map<String, ?>> bad =
        List.of(
            Map.of("tier", "gold"),
            nullTier,
            Map.of("tier", 1),
            Map.of("enabled", "false"),
            Map.of("scanPolicy", "REJECT"),
            Map.of("scanPolicy", "delete"),
            Map.of("allowPdfActiveContent", 1),
            Map.of("limits", 5),
            Map.of("limits", Map.of("concurrentUploads", 0)),
            Map.of("limits", Map.of("concurrentUploads", 10_001)),
            Map.of("limits", Map.of("concurrentUploads", 2.5)),
            Map.of("limits", Map.of("concurrentUploads", 5_000_000_000L)),
            Map.of("limits", Map.of("jobsInFlight", 0)),
            Map.of("limits", Map.of("jobsInFlight", 10_001)),
            Map.of("limits", Map.of("jobsInFlight", "5")),
            Map.of("limits", Map.of("jobsInFlight", 1.5)));
    for (Map<String, ?> body : bad) {
      ProblemException refused =
          assertThrows(
              ProblemException.class, () -> TenantSettings.parse(body, Set.of()), body::toString);
      assertEquals(ProblemType.INVALID_TENANT_SETTING, refused.type(), body::toString);
      assertTrue(refused.extensions().containsKey("field"), body::toString);
    }
  }

  @Test
  void anUnknownMemberIsMalformedAndNamed() {
    Map<Map<String, ?>, String> unknown =
        Map.of(
            Map.of("teir", "free"), "teir",
            Map.of("id", "acme"), "id",
            Map.of("limits", Map.of("jobsInFlght", 5)), "limits.jobsInFlght");
    unknown.forEach(
        (body, member) -> {
          ProblemException refused =
              assertThrows(
                  ProblemException.class,
                  () -> TenantSettings.parse(body, Set.of()),
                  body::toString);
          assertEquals(ProblemType.MALFORMED_JSON, refused.type(), body::toString);
          assertEquals(member, refused.extensions().get("member"), body::toString);
        });
  }

  @Test
  void otherMembersAreLeftToTheCaller() {
    TenantSettings settings = TenantSettings.parse(Map.of("id", "acme"), Set.of("id"));

    assertNull(settings.tier());
  }

  @Test
  void aCursorNamesTheLastTenantOfItsPage() {
    String cursor = TenantAdministration.TenantCursor.encode("acme.eu");

    assertEquals("acme.eu", TenantAdministration.TenantCursor.decode(cursor));
    for (String bad : List.of("acme", "!!", "dDo=", "")) {
      ProblemException refused =
          assertThrows(ProblemException.class, () -> TenantAdministration.TenantCursor.decode(bad));
      assertEquals(ProblemType.INVALID_CURSOR, refused.type());
    }
  }
}
