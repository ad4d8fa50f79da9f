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
  void ownerGrantsEveryTenantRole() {
    assertEquals(
        Set.of(Role.VIEWER, Role.MEMBER, Role.SERVICE, Role.ADMIN, Role.OWNER),
        Role.grantableBy(Set.of(Role.OWNER)));
  }

  @Test
  void nobodyGrantsTheOperatorRole() {
    assertFalse(Role.grantableBy(Set.of(Role.OWNER)).contains(Role.OPERATOR));
    assertFalse(Role.grantableBy(Set.of(Role.ADMIN)).contains(Role.OPERATOR));
    assertEquals(Set.of(), Role.grantableBy(Set.of(Role.OPERATOR)));
  }

  @Test
  void operatorHoldingATenantRoleGrantsOnlyWhatThatRoleGrants() {
    assertEquals(
        Role.grantableBy(Set.of(Role.ADMIN)), Role.grantableBy(Set.of(Role.OPERATOR, Role.ADMIN)));
  }

  @Test
  void operatorIsNoTenantRole() {
    assertFalse(Role.TENANT_ROLES.contains(Role.OPERATOR));
    assertTrue(Role.ALL.containsAll(Role.TENANT_ROLES));
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
  @ValueSource(strings = {Role.MEMBER, Role.VIEWER, Role.SERVICE, Role.OPERATOR})
  void nonAdministrativeRolesGrantNothing(String role) {
    assertEquals(Set.of(), Role.grantableBy(Set.of(role)));
  }

  @Test
  void adminCannotRevokeAKeyHoldingOwner() {
    assertFalse(Role.mayRevokeKeyWith(Set.of(Role.ADMIN), Set.of(Role.OWNER)));
    assertFalse(Role.mayRevokeKeyWith(Set.of(Role.ADMIN), Set.of(Role.SERVICE, Role.OWNER)));
  }

  @Test
  void adminRevokesKeysOfTheRolesItGrants() {
    assertTrue(Role.mayRevokeKeyWith(Set.of(Role.ADMIN), Set.of(Role.SERVICE)));
    assertTrue(Role.mayRevokeKeyWith(Set.of(Role.ADMIN), Set.of(Role.ADMIN, Role.VIEWER)));
  }

  @Test
  void ownerRevokesAnyKey() {
    assertTrue(Role.mayRevokeKeyWith(Set.of(Role.OWNER), Set.of(Role.OWNER, Role.ADMIN)));
    assertTrue(Role.mayRevokeKeyWith(Set.of(Role.OWNER), Set.of(Role.SERVICE)));
  }

  @ParameterizedTest
  @ValueSource(strings = {Role.MEMBER, Role.VIEWER, Role.SERVICE, Role.OPERATOR})
  void nonAdministrativeRolesRevokeNoKey(String role) {
    assertFalse(Role.mayRevokeKeyWith(Set.of(role), Set.of(Role.VIEWER)));
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
  @ValueSource(strings = {"viewer", "member", "service", "admin", "owner", "operator"})
  void everyDefinedRoleIsKnown(String role) {
    assertTrue(Role.isKnown(role));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Admin", "OWNER", "Operator", "root", "superuser", " admin"})
  void otherNamesAreNotKnown(String role) {
    assertFalse(Role.isKnown(role));
  }
}
