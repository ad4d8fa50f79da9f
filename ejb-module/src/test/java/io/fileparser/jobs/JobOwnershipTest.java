package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobOwnershipTest {

  private static final String ALICE = "user:alice";
  private static final String BOB = "user:bob";

  @ParameterizedTest
  @ValueSource(strings = {Role.MEMBER, Role.SERVICE})
  void submitterChangesItsOwnJob(String role) {
    assertTrue(JobOwnership.mayChange(caller(ALICE, role), ALICE));
  }

  @ParameterizedTest
  @ValueSource(strings = {Role.MEMBER, Role.SERVICE})
  void memberOrServiceCannotChangeAnotherCallersJob(String role) {
    assertFalse(JobOwnership.mayChange(caller(BOB, role), ALICE));
  }

  @ParameterizedTest
  @ValueSource(strings = {Role.ADMIN, Role.OWNER})
  void adminAndOwnerChangeAnyJob(String role) {
    assertTrue(JobOwnership.mayChange(caller(BOB, role), ALICE));
    assertTrue(JobOwnership.mayChange(caller(BOB, role), "api-key:AbCdEfGh2345"));
  }

  @Test
  void anApiKeyIsHeldToTheJobsItSubmittedItself() {
    Caller key = caller("api-key:AbCdEfGh2345", Role.SERVICE);

    assertTrue(JobOwnership.mayChange(key, "api-key:AbCdEfGh2345"));
    assertFalse(JobOwnership.mayChange(key, "api-key:ZZZZZZZZZZZZ"));
    assertFalse(JobOwnership.mayChange(key, ALICE));
  }

  @ParameterizedTest
  @ValueSource(strings = {Role.VIEWER, Role.OPERATOR})
  void rolesThatDoNotChangeJobsCannotEvenChangeTheirOwn(String role) {
    assertFalse(JobOwnership.mayChange(caller(ALICE, role), ALICE));
  }

  @Test
  void callerWithoutRolesChangesNothing() {
    assertFalse(
        JobOwnership.mayChange(new Caller("acme", ALICE, Set.of(), Caller.Method.JWT), ALICE));
  }

  @Test
  void aJobWithoutSubmitterIsLeftToAdmins() {
    assertFalse(JobOwnership.mayChange(caller(ALICE, Role.MEMBER), null));
    assertTrue(JobOwnership.mayChange(caller(ALICE, Role.ADMIN), null));
  }

  @Test
  void subjectsAreComparedExactly() {
    assertFalse(JobOwnership.mayChange(caller("user:Alice", Role.MEMBER), ALICE));
    assertFalse(JobOwnership.mayChange(caller("user:alice ", Role.MEMBER), ALICE));
  }

  @Test
  void refusalIsForbidden() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> JobOwnership.requireMayChange(caller(BOB, Role.MEMBER), ALICE));

    assertEquals(ProblemType.FORBIDDEN, refused.type());
    assertDoesNotThrow(() -> JobOwnership.requireMayChange(caller(ALICE, Role.MEMBER), ALICE));
  }

  private static Caller caller(String subject, String role) {
    return new Caller("acme", subject, Set.of(role), Caller.Method.JWT);
  }
}
