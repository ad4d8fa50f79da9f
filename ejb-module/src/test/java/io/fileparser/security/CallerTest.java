package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallerTest {

  private static final String SIXTY_FOUR = "a".repeat(64);

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme", "Acme-Corp", "tenant_01", "eu.acme", "9lives", "a..b"})
  void acceptsOrdinaryTenantIds(String tenantId) {
    assertTrue(Caller.isValidTenantId(tenantId));
    assertEquals(tenantId, caller(tenantId, Set.of()).tenantId());
  }

  @Test
  void acceptsTenantIdOfSixtyFourCharacters() {
    assertTrue(Caller.isValidTenantId(SIXTY_FOUR));
  }

  @Test
  void refusesTenantIdOfSixtyFiveCharacters() {
    assertFalse(Caller.isValidTenantId(SIXTY_FOUR + "a"));
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
  void refusesOtherTenantIds(String tenantId) {
    assertFalse(Caller.isValidTenantId(tenantId));
  }

  @Test
  void constructorRefusesInvalidTenantId() {
    assertThrows(IllegalArgumentException.class, () -> caller("../other", Set.of()));
    assertThrows(IllegalArgumentException.class, () -> caller(null, Set.of()));
    assertThrows(IllegalArgumentException.class, () -> caller(SIXTY_FOUR + "a", Set.of()));
  }

  @Test
  void laterChangesToTheGivenRolesDoNotReachTheCaller() {
    Set<String> roles = new HashSet<>(Set.of(Role.VIEWER));
    Caller caller = caller("acme", roles);

    roles.add(Role.OWNER);

    assertEquals(Set.of(Role.VIEWER), caller.roles());
    assertFalse(caller.hasRole(Role.OWNER));
  }

  @Test
  void rolesCannotBeChangedThroughTheCaller() {
    Caller caller = caller("acme", new HashSet<>(Set.of(Role.VIEWER)));

    assertThrows(UnsupportedOperationException.class, () -> caller.roles().add(Role.OWNER));
    assertFalse(caller.hasRole(Role.OWNER));
  }

  @Test
  void hasRoleAnswersForHeldRolesOnly() {
    Caller caller = caller("acme", Set.of(Role.MEMBER));

    assertTrue(caller.hasRole(Role.MEMBER));
    assertFalse(caller.hasRole(Role.ADMIN));
  }

  private static Caller caller(String tenantId, Set<String> roles) {
    return new Caller(tenantId, "alice", roles, Caller.Method.JWT);
  }
}
