package io.fileparser.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit list's query parameters and who may read which tenant, without a database. */
class AuditQueryTest {

  @Test
  void absentParametersMeanAnyAndTheDefaultPage() {
    AuditQuery query = parse(null, null, null, null, null, null, null);

    assertNull(query.tenantId());
    assertNull(query.action());
    assertNull(query.from());
    assertEquals(AuditQuery.DEFAULT_LIMIT, query.limit());
    assertNull(query.cursor());
  }

  @Test
  void readsNamesTimesAndTheLimit() {
    AuditQuery query =
        parse("acme", "jobs.bulk.cancel.started", "2026-01-01T00:00:00Z", null, "7", null, "job");

    assertEquals("acme", query.tenantId());
    assertEquals("jobs.bulk.cancel.started", query.action());
    assertEquals("job", query.targetType());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), query.from());
    assertEquals(7, query.limit());
  }

  @Test
  void refusesWhatIsNoNameNoInstantNoPageSizeOrNoTenant() {
    for (String[] bad :
        new String[][] {
          {null, "Api_Key.created", null, null, null},
          {null, "1.created", null, null, null},
          {null, null, "yesterday", null, null},
          {null, null, "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z", null},
          {null, null, null, null, "0"},
          {null, null, null, null, "201"},
          {"-acme", null, null, null, null},
        }) {
      ProblemException refused =
          assertThrows(
              ProblemException.class,
              () -> parse(bad[0], bad[1], bad[2], bad[3], bad[4], null, null),
              String.join(",", java.util.Arrays.asList(bad)));
      assertEquals(ProblemType.INVALID_REQUEST, refused.type());
    }
  }

  @Test
  void aCursorIsValidOnlyForTheScopeItWasTakenFrom() {
    String token = AuditCursor.after(42, AuditScope.tenant("acme")).encode();
    AuditCursor cursor = parse(null, null, null, null, null, token, null).cursor();

    assertEquals(42, cursor.beforeId());
    assertTrue(cursor.isFor(AuditScope.tenant("acme")));
    assertTrue(!cursor.isFor(AuditScope.tenant("other")) && !cursor.isFor(AuditScope.platform()));
    ProblemException garbage =
        assertThrows(
            ProblemException.class, () -> parse(null, null, null, null, null, "bm9wZQ", null));
    assertEquals(ProblemType.INVALID_CURSOR, garbage.type());
  }

  @Test
  void aTenantScopeReadsItsOwnTenantAndThePlatformAnyOrAll() {
    AuditScope acme = AuditScope.tenant("acme");

    assertEquals("acme", acme.tenantToRead(null));
    assertEquals("acme", acme.tenantToRead("acme"));
    assertEquals(
        ProblemType.FORBIDDEN,
        assertThrows(ProblemException.class, () -> acme.tenantToRead("other")).type());
    assertNull(AuditScope.platform().tenantToRead(null));
    assertEquals("other", AuditScope.platform().tenantToRead("other"));
  }

  private static AuditQuery parse(
      String tenantId,
      String action,
      String from,
      String to,
      String limit,
      String cursor,
      String targetType) {
    return AuditQuery.parse(tenantId, action, null, targetType, null, from, to, limit, cursor);
  }
}
