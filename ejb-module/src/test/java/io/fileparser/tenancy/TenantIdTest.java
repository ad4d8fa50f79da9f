package io.fileparser.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

  private static final String SIXTY_FOUR = "a".repeat(64);

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme", "Acme-Corp", "tenant_01", "eu.acme", "9lives", "a..b"})
  void acceptsOrdinaryTenantIds(String tenantId) {
    assertTrue(TenantId.isValid(tenantId));
    assertEquals(tenantId, TenantId.require(tenantId));
  }

  @Test
  void acceptsSixtyFourCharacters() {
    assertTrue(TenantId.isValid(SIXTY_FOUR));
  }

  @Test
  void refusesSixtyFiveCharacters() {
    assertFalse(TenantId.isValid(SIXTY_FOUR + "a"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        ".acme",
        "-acme",
        "_acme",
        ".",
        "..",
        "../other",
        "..\\other",
        "acme/../other",
        "acme/jobs",
        "acme\\jobs",
        "acme corp",
        " acme",
        "acme\n",
        "acme:1",
        "acmé",
        "acme%2F..",
        "*"
      })
  void refusesEverythingElse(String tenantId) {
    assertFalse(TenantId.isValid(tenantId));
    assertThrows(IllegalArgumentException.class, () -> TenantId.require(tenantId));
  }

  @Test
  void refusalDoesNotRepeatTheValue() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> TenantId.require("<script>"));

    assertFalse(refused.getMessage().contains("<script>"));
  }
}
