package io.fileparser.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Direct reads of the IT database, for facts the API does not show (audit rows, leftovers). */
final class Database {

  private static final Set<String> TENANT_TABLES =
      Set.of("stored_files", "jobs", "idempotency_keys", "api_keys", "audit_log");

  /** One connection kept for {@link #counts}, opened again when it is gone (a restart test). */
  private static Connection kept;

  private Database() {}

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(TestEnvironment.jdbcUrl(), "postgres", "");
  }

  /**
   * How many rows of each of {@code tables} belong to {@code tenant}, in one statement over one
   * kept connection: the bad-input corpus asks before and after each of its thousands of requests.
   */
  static synchronized Map<String, Long> counts(String tenant, List<String> tables) {
    StringBuilder sql = new StringBuilder("select ");
    for (String table : tables) {
      if (!TENANT_TABLES.contains(table)) {
        throw new IllegalArgumentException("not a tenant table: " + table);
      }
      sql.append(sql.length() > 7 ? ", " : "")
          .append("(select count(*) from ")
          .append(table)
          .append(" where tenant_id = ?)");
    }
    try {
      if (kept == null || !kept.isValid(2)) {
        kept = connect();
      }
      try (PreparedStatement query = kept.prepareStatement(sql.toString())) {
        for (int i = 1; i <= tables.size(); i++) {
          query.setString(i, tenant);
        }
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          Map<String, Long> counts = new LinkedHashMap<>();
          for (int i = 0; i < tables.size(); i++) {
            counts.put(tables.get(i), rows.getLong(i + 1));
          }
          return counts;
        }
      }
    } catch (SQLException e) {
      kept = null;
      throw new AssertionError("counting " + tables + " failed", e);
    }
  }

  /** How many rows of {@code table} belong to {@code tenant}. */
  static long count(String table, String tenant) {
    return counts(tenant, List.of(table)).get(table);
  }

  /** The tenant's audit records, oldest first, as column name to value. */
  static List<Map<String, Object>> auditRecords(String tenant) {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "select tenant_id, actor, action, target_type, target_id, details, occurred_at"
                    + " from audit_log where tenant_id = ? order by id")) {
      query.setString(1, tenant);
      List<Map<String, Object>> records = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          Map<String, Object> record = new LinkedHashMap<>();
          for (int i = 1; i <= columns; i++) {
            record.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
          }
          records.add(record);
        }
      }
      return records;
    } catch (SQLException e) {
      throw new AssertionError("reading audit_log failed", e);
    }
  }

  /**
   * Drops a job's stored options (such as a test hook that makes every attempt fail), as fixing the
   * cause of a failure would: its next attempt is sent without them.
   */
  static void forgetJobOptions(String jobId) {
    try (Connection db = connect();
        PreparedStatement update =
            db.prepareStatement("update jobs set metadata = null where id = ?::uuid")) {
      update.setString(1, jobId);
      if (update.executeUpdate() != 1) {
        throw new AssertionError("no job " + jobId);
      }
    } catch (SQLException e) {
      throw new AssertionError("updating job " + jobId + " failed", e);
    }
  }
}
