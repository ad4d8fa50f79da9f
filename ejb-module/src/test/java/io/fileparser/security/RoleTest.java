package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

  @Test
  void ownerGrantsEveryRole() {
    assertEquals(
        Set.of(Role.VIEWER, Role.MEMBER, Role.SERVICE, Role.ADMIN, Role.OWNER),
        Role.grantableBy(Set.of(Role.OWNER)));
  }

  @Test
  void adminGrantsUpToAdminButNotOwner() {
    Set<String> grantable = Role.grantableBy(Set.of(Role.ADMIN));

    assertEquals(Set.of(Role.VIEWER, Role.MEMBER, Role.SERVICE, Role.ADMIN), grantable);
    assertFalse(grantable.contains(Role.OWNER));
  }

  @Test
  void ownerRoleWinsWhenCallerAlsoHoldsLesserRoles() {
    assertTrue(Role.grantableBy(Set.of(Role.ADMIN, Role.OWNER, Role.VIEWER)).contains(Role.OWNER));
  }

  @ParameterizedTest
  @ValueSource(strings = {Role.MEMBER, Role.VIEWER, Role.SERVICE})
  void nonAdministrativeRolesGrantNothing(String role) {
    assertEquals(Set.of(), Role.grantableBy(Set.of(role)));
  }

  @Test
  void callerWithoutRolesGrantsNothing() {
    assertEquals(Set.of(), Role.grantableBy(Set.of()));
  }

  @Test
  void unknownRoleNamesGrantNothing() {
    assertEquals(Set.of(), Role.grantableBy(Set.of("Owner", "ADMIN", "root")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"viewer", "member", "service", "admin", "owner"})
  void everyDefinedRoleIsKnown(String role) {
    assertTrue(Role.isKnown(role));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Admin", "OWNER", "root", "superuser", " admin"})
  void otherNamesAreNotKnown(String role) {
    assertFalse(Role.isKnown(role));
  }
}
