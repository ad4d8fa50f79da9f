package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The deployed application serves as a database role of its own, not as the schema's owner (which
 * runs the migrations only): that role appends audit records through the application, and the chain
 * still proves whole, but a connection as that role, with the password {@code payara/run} keeps in
 * {@code var/keys/db-app.password}, is refused every way of changing or removing them: UPDATE,
 * DELETE and TRUNCATE by its privileges, disabling the triggers and dropping the table for not
 * being the owner. Meanwhile it may read and write every other table.
 */
class ApplicationRoleIT {

  /**
   * The SQLSTATE of a refused privilege (the append-only triggers raise it too, in other words).
   */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  @Test
  void theApplicationConnectsAsItsOwnRoleWhichNeitherOwnsNorInheritsTheSchema()
      throws SQLException {
    String role = applicationRole();
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select t.tableowner, pg_has_role(?, t.tableowner, 'MEMBER'), r.rolsuper"
                    + " from pg_tables t, pg_roles r"
                    + " where t.schemaname = 'public' and t.tablename = 'audit_log'"
                    + " and r.rolname = ?")) {
      query.setString(1, role);
      query.setString(2, role);
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next(), "no audit_log, or no role " + role);
        assertNotEquals(role, row.getString(1), "the application's role owns audit_log");
        assertFalse(row.getBoolean(2), role + " is a member of the owner " + row.getString(1));
        assertFalse(row.getBoolean(3), role + " is a superuser");
      }
    }
  }

  @Test
  void anAuditedActionIsAppendedButTheRoleMayNotChangeOrRemoveRecordsAndTheChainHolds()
      throws Exception {
    String tenant = Tenants.fresh();
    String keyId = createKey(Tokens.of(tenant, "admin"));
    List<JsonNode> records =
        items(
            Api.get("/admin/audit?tenantId=" + tenant + "&action=api_key.created")
                .bearer(Tokens.operator())
                .send());
    assertEquals(1, records.size(), records::toString);
    assertEquals(keyId, records.get(0).path("targetId").asText());
    long id = records.get(0).path("id").asLong();

    List<String> statements =
        List.of(
            "update audit_log set details = 'forged' where id = " + id,
            "delete from audit_log where id = " + id,
            "truncate audit_log",
            "alter table audit_log disable trigger all",
            "alter table audit_log disable trigger audit_log_append_only",
            "drop table audit_log cascade",
            "delete from audit_chain_head",
            "truncate audit_chain_head",
            "set session_replication_role = replica",
            "create table audit_log_copy (id bigint)");
    List<String> allowed = new ArrayList<>();
    try (Connection db = connectAsApplicationRole();
        Statement statement = db.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
          allowed.add(sql);
        } catch (SQLException refused) {
          assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSQLState(), sql + ": " + refused);
          assertTrue(
              refused.getMessage().contains("permission denied")
                  || refused.getMessage().contains("must be owner"),
              () -> sql + " was refused by something else than privileges: " + refused);
        }
      }
    }
    assertEquals(List.of(), allowed, "statements the application's role could run");

    assertEquals(1, Database.auditRecords(tenant).size());
    JsonNode verdict = Api.get("/admin/audit/verify").bearer(Tokens.operator()).send().json();
    assertTrue(verdict.path("intact").asBoolean(), verdict::toString);
    assertTrue(verdict.path("checked").asLong() >= 1, verdict::toString);
  }

  @Test
  void theRoleReadsAndWritesEveryOtherTableAndOnlyReadsAndAppendsTheAuditLog() throws SQLException {
    String role = applicationRole();
    Set<String> missing = new TreeSet<>();
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select c.relname, p.privilege, has_table_privilege(?, c.oid, p.privilege)"
                    + " from pg_class c join pg_namespace n on n.oid = c.relnamespace,"
                    + " unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p(privilege)"
                    + " where n.nspname = 'public' and c.relkind in ('r', 'p')")) {
      query.setString(1, role);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String table = rows.getString(1);
          String privilege = rows.getString(2);
          boolean held = rows.getBoolean(3);
          boolean expected =
              switch (table) {
                case "audit_log" -> Set.of("SELECT", "INSERT").contains(privilege);
                case "audit_chain_head" -> Set.of("SELECT", "UPDATE").contains(privilege);
                case "flyway_schema_history" -> privilege.equals("SELECT");
                default -> !privilege.equals("TRUNCATE");
              };
          if (held != expected) {
            missing.add(table + " " + privilege + (held ? " held" : " not held"));
          }
        }
      }
    }
    assertEquals(Set.of(), missing, "privileges of " + role + " that differ from V20's");
  }

  /** The role the deployed application's pool logs in as (its connections name the application). */
  private static String applicationRole() throws SQLException {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select distinct usename from pg_stat_activity"
                    + " where datname = ? and application_name = 'file-parser'")) {
      query.setString(1, System.getProperty("it.db", "fileparser_it"));
      List<String> roles = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          roles.add(rows.getString(1));
        }
      }
      assertEquals(1, roles.size(), () -> "roles of the application's connections: " + roles);
      return roles.get(0);
    }
  }

  private static Connection connectAsApplicationRole() throws SQLException, IOException {
    String password =
        Files.readString(TestEnvironment.varDir().resolve("keys/db-app.password")).strip();
    return DriverManager.getConnection(TestEnvironment.jdbcUrl(), applicationRole(), password);
  }

  private static String createKey(String admin) {
    ApiResponse response =
        Api.post("/api-keys")
            .bearer(admin)
            .json(Map.of("name", "role-" + UUID.randomUUID(), "roles", List.of("service")))
            .send();
    assertEquals(201, response.status(), response::toString);
    return response.json().path("key").path("id").asText();
  }

  private static List<JsonNode> items(ApiResponse response) {
    assertEquals(200, response.status(), response::toString);
    List<JsonNode> items = new ArrayList<>();
    response.json().path("items").forEach(items::add);
    return items;
  }
}
