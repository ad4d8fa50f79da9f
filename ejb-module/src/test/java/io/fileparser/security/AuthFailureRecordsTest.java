package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.audit.AuditBeans;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A closed window of failures written to the audit log in PostgreSQL: one record in the trail of
 * each claimed tenant that exists, one in the platform's for the rest.
 */
@ComponentTest
class AuthFailureRecordsTest {

  private final ComponentDatabase db;
  private final String tenant = "ct-" + UUID.randomUUID();
  private final String ghost = "ct-ghost-" + UUID.randomUUID();

  AuthFailureRecordsTest(ComponentDatabase db) {
    this.db = db;
  }

  @Test
  void aWindowBecomesOneRecordPerExistingClaimedTenantAndOneForThePlatform() {
    db.inTransaction(em -> SecurityBeans.tenants(em).ensure(tenant));
    long start = System.currentTimeMillis() / 1000 * 1000 - 60_000;
    FailureWindow window =
        FailureWindow.of(
            start + ":60000",
            List.of(
                "c|" + tenant + "|api_key_wrong_secret|10.0.0.1|AbCdEfGh2345",
                "4",
                "c|" + ghost + "|token_bad_signature|10.0.0.2|",
                "2",
                "c||credentials_missing|10.0.0.3|",
                "1"));

    List<FailureSummary> recorded = db.fromTransaction(em -> records(em).record(window));

    assertEquals(2, recorded.size());
    List<Object[]> rows =
        db.fromTransaction(
            em ->
                em.createNativeQuery(
                        "select tenant_id, actor, action, target_type, target_id, details"
                            + " from audit_log where target_id = ?1 and action = 'auth.failures'"
                            + " and (tenant_id = ?2 or tenant_id = '*') order by id")
                    .setParameter(1, recorded.get(0).targetId())
                    .setParameter(2, tenant)
                    .getResultList());
    Object[] own = rows.stream().filter(r -> tenant.equals(r[0])).findFirst().orElseThrow();
    assertEquals("system:authentication", own[1]);
    assertEquals("time_window", own[3]);
    assertTrue(((String) own[5]).contains("\"failures\":4"), (String) own[5]);
    Object[] platform =
        rows.stream()
            .filter(r -> "*".equals(r[0]) && ((String) r[5]).contains(ghost))
            .findFirst()
            .orElseThrow();
    assertTrue(((String) platform[5]).contains("\"failures\":3"), (String) platform[5]);
  }

  private static AuthFailureRecords records(jakarta.persistence.EntityManager em) {
    AuthFailureRecords records = new AuthFailureRecords();
    records.em = em;
    records.audit = AuditBeans.log(em);
    return records;
  }
}
