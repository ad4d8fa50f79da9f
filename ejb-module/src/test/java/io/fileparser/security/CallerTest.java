package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void keepsAValidTenantId() {
    assertEquals("acme", caller("acme", Set.of()).tenantId());
  }

  @Test
  void constructorRefusesInvalidTenantId() {
    assertThrows(IllegalArgumentException.class, () -> caller("../other", Set.of()));
    assertThrows(IllegalArgumentException.class, () -> caller(null, Set.of()));
    assertThrows(IllegalArgumentException.class, () -> caller("a".repeat(65), Set.of()));
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
