package io.fileparser.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit log's chain against PostgreSQL: appenders in several transactions at once still leave
 * one chain in id order, what Java hashes is what the migration's SQL function hashes, a record
 * changed behind the triggers' back is named by the verifier, and each scope lists only what it may
 * see.
 */
@ComponentTest
class AuditTrailTest {

  private final ComponentDatabase db;

  AuditTrailTest(ComponentDatabase db) {
    this.db = db;
  }

  @Test
  void concurrentAppendersLeaveOneUnbrokenChainThatTheSqlFunctionAgreesWith() throws Exception {
    String tenant = "ct-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    int n = i;
                    db.inTransaction(
                        em -> {
                          AuditLog log = AuditBeans.log(em);
                          log.record(
                              tenant, "user:w" + writer, "job.deleted", "job", "j" + n, null);
                          log.record(
                              tenant, "user:w" + writer, "job.cancelled", "job", "j" + n, "x");
                        });
                  }
                },
                pool));
      }
      CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    ChainVerification result = db.fromTransaction(em -> AuditBeans.trail(em).verify());
    assertTrue(result.intact(), result::toString);
    assertTrue(result.checked() >= 80, result::toString);
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "select count(*) from audit_log where hash <> audit_log_record_hash(prev_hash, id,"
                    + " tenant_id, actor, action, target_type, target_id, details, occurred_at)")) {
      rows.next();
      assertEquals(0, rows.getLong(1), "records whose SQL hash differs from Java's");
    }
  }

  @Test
  void aRecordChangedBehindTheTriggersIsTheFirstBrokenAndRestoringItMendsTheChain()
      throws SQLException {
    String tenant = "ct-" + UUID.randomUUID();
    db.inTransaction(
        em -> AuditBeans.log(em).record(tenant, "user:a", "api_key.created", "api_key", "k1", "x"));
    long id = onlyRecordOf(tenant);

    try {
      tamper(id, "name=forged");
      ChainVerification broken = db.fromTransaction(em -> AuditBeans.trail(em).verify());
      assertEquals(new BrokenLink(id, BrokenLink.HASH_MISMATCH), broken.firstBroken());
    } finally {
      tamper(id, "x");
    }
    assertTrue(db.fromTransaction(em -> AuditBeans.trail(em).verify()).intact());
  }

  /**
   * As the application's role (V20): appending links the chain (the head locked and moved, the id
   * drawn), verifying reads it, and changing or removing a record is refused by the privileges
   * themselves (SQLSTATE 42501 "permission denied" or "must be owner"), not by the append-only
   * triggers, which that role cannot disable.
   */
  @Test
  void theApplicationsRoleAppendsAndVerifiesButMayNotChangeOrRemoveRecords() throws SQLException {
    String tenant = "ct-" + UUID.randomUUID();
    db.inTransaction(
        em -> {
          asApplicationRole(em);
          AuditBeans.log(em).record(tenant, "user:a", "api_key.created", "api_key", "k1", null);
        });
    assertTrue(
        db.fromTransaction(
                em -> {
                  asApplicationRole(em);
                  return AuditBeans.trail(em).verify();
                })
            .intact());
    long id = onlyRecordOf(tenant);

    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("set role " + ComponentDatabase.APP_ROLE);
      for (String sql :
          List.of(
              "update audit_log set details = 'forged' where id = " + id,
              "delete from audit_log where id = " + id,
              "truncate audit_log",
              "alter table audit_log disable trigger all",
              "drop table audit_log cascade",
              "delete from audit_chain_head",
              "truncate audit_chain_head",
              "insert into audit_chain_head (id, last_id, last_hash) values (2, 0, '')",
              "set session_replication_role = replica")) {
        SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertEquals("42501", refused.getSQLState(), () -> sql + ": " + refused.getMessage());
        assertTrue(
            refused.getMessage().contains("permission denied")
                || refused.getMessage().contains("must be owner"),
            () -> sql + ": " + refused.getMessage());
      }
    }
    assertEquals(id, onlyRecordOf(tenant));
  }

  private static void asApplicationRole(EntityManager em) {
    em.createNativeQuery("set local role " + ComponentDatabase.APP_ROLE).executeUpdate();
  }

  @Test
  void aTenantScopeListsOnlyItsTenantNewestFirstPageByPage() {
    String tenant = "ct-" + UUID.randomUUID();
    String other = "ct-" + UUID.randomUUID();
    db.inTransaction(
        em -> {
          AuditLog log = AuditBeans.log(em);
          for (int i = 0; i < 3; i++) {
            log.record(tenant, "user:a", "template.published", "template", "t" + i, null);
          }
          log.record(other, "user:b", "template.published", "template", "t9", null);
        });
    AuditScope scope = AuditScope.tenant(tenant);

    AuditPage first = list(scope, null, "2", null);
    assertEquals(
        List.of("t2", "t1"), first.items().stream().map(AuditRecordView::targetId).toList());
    assertNotNull(first.next());
    AuditPage second = list(scope, null, "2", first.next());
    assertEquals(List.of("t0"), second.items().stream().map(AuditRecordView::targetId).toList());
    assertNull(second.next());

    ProblemException foreign =
        assertThrows(ProblemException.class, () -> list(scope, other, "2", null));
    assertEquals(ProblemType.FORBIDDEN, foreign.type());
    ProblemException cursor =
        assertThrows(
            ProblemException.class, () -> list(AuditScope.tenant(other), null, "2", first.next()));
    assertEquals(ProblemType.INVALID_CURSOR, cursor.type());
    assertEquals(
        List.of("t9"),
        list(AuditScope.platform(), other, "10", null).items().stream()
            .map(AuditRecordView::targetId)
            .toList());
  }

  private AuditPage list(AuditScope scope, String tenantId, String limit, String cursor) {
    AuditQuery query =
        AuditQuery.parse(tenantId, null, null, null, null, null, null, limit, cursor);
    return db.fromTransaction(em -> AuditBeans.trail(em).list(scope, query));
  }

  private long onlyRecordOf(String tenant) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement q = c.prepareStatement("select id from audit_log where tenant_id = ?")) {
      q.setString(1, tenant);
      try (ResultSet rows = q.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** What someone who can disable the triggers (a table owner, a superuser) could do. */
  private void tamper(long id, String details) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        PreparedStatement update =
            c.prepareStatement("update audit_log set details = ? where id = ?")) {
      c.setAutoCommit(false);
      s.execute("alter table audit_log disable trigger audit_log_append_only");
      update.setString(1, details);
      update.setLong(2, id);
      update.executeUpdate();
      s.execute("alter table audit_log enable trigger audit_log_append_only");
      c.commit();
    }
  }
}
