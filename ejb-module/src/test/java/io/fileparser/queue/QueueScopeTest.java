package io.fileparser.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whose queue a caller administers, and who may pause what, without a database. */
class QueueScopeTest {

  private static final Caller ADMIN =
      new Caller("acme", "user:alice", Set.of(Role.ADMIN), Caller.Method.JWT);
  private static final QueueScope TENANT = QueueScope.tenant(ADMIN);
  private static final QueueScope OPERATOR = QueueScope.platform("user:ops");

  @Test
  void aTenantsAdminReadsTheirOwnTenantWhateverTheyAskFor() {
    assertEquals("acme", TENANT.tenantToRead(null));
    assertEquals("acme", TENANT.tenantToRead("acme"));
  }

  @Test
  void aTenantsAdminAskingForAnotherTenantIsRefused() {
    assertEquals(ProblemType.FORBIDDEN, refusal(() -> TENANT.tenantToRead("globex")));
  }

  @Test
  void theOperatorReadsEveryTenantOrTheOneAskedFor() {
    assertNull(OPERATOR.tenantToRead(null));
    assertEquals("globex", OPERATOR.tenantToRead("globex"));
  }

  @Test
  void aTenantIdBreakingTheRuleIsABadRequest() {
    assertEquals(ProblemType.INVALID_REQUEST, refusal(() -> OPERATOR.tenantToRead("../x")));
  }

  @Test
  void onlyTheOperatorPausesGlobally() {
    assertNull(OPERATOR.pauseTarget("global", null));
    assertEquals(ProblemType.FORBIDDEN, refusal(() -> TENANT.pauseTarget("global", null)));
  }

  @Test
  void aGlobalPauseNamesNoTenant() {
    assertEquals(ProblemType.INVALID_REQUEST, refusal(() -> OPERATOR.pauseTarget("global", "x")));
  }

  @Test
  void aTenantPauseIsTheCallersTenantOrTheOneTheOperatorNames() {
    assertEquals("acme", TENANT.pauseTarget("tenant", null));
    assertEquals("globex", OPERATOR.pauseTarget("tenant", "globex"));
    assertEquals(ProblemType.INVALID_REQUEST, refusal(() -> OPERATOR.pauseTarget("tenant", null)));
    assertEquals(ProblemType.FORBIDDEN, refusal(() -> TENANT.pauseTarget("tenant", "globex")));
  }

  @Test
  void anUnknownScopeIsABadRequest() {
    assertEquals(ProblemType.INVALID_REQUEST, refusal(() -> TENANT.pauseTarget("world", null)));
    assertEquals(ProblemType.INVALID_REQUEST, refusal(() -> TENANT.pauseTarget(null, null)));
  }

  @Test
  void theOperatorActsOnAJobAsAnAdminOfItsTenantUnderTheirOwnName() {
    Caller acting = OPERATOR.actingIn("globex");
    assertEquals("globex", acting.tenantId());
    assertEquals("user:ops", acting.subject());
    assertEquals(Set.of(Role.ADMIN), acting.roles());
  }

  @Test
  void aTenantsAdminActsAsThemself() {
    assertSame(ADMIN, TENANT.actingIn("globex"));
  }

  private static ProblemType refusal(Runnable call) {
    return assertThrows(ProblemException.class, call::run).type();
  }
}
