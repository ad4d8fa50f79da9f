package io.fileparser.health;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Answers whether the database is reachable and the schema is migrated. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseProbe {

  @Resource(lookup = "jdbc/parser")
  DataSource dataSource;

  /** The latest applied schema version, or an exception if the database cannot be reached. */
  public String schemaVersion() throws SQLException {
    try (Connection c = dataSource.getConnection();
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "select version from flyway_schema_history where success"
                    + " order by installed_rank desc limit 1")) {
      return rs.next() ? rs.getString(1) : "none";
    }
  }
}
