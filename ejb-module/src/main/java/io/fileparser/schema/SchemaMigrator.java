package io.fileparser.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before the application serves. Payara starts {@code @Startup}
 * singletons of the EJB module before the web module, so no request sees an old schema. Flyway's
 * own lock makes concurrent starts of several instances safe.
 *
 * <p>Two database roles: the schema's owner runs the migrations, through {@code
 * jdbc/parser-schema}, which nothing else uses; the application's role serves every request through
 * {@code jdbc/parser} and holds only the privileges the migrations grant it (none to change or
 * remove audit records, and no owner's rights to disable their triggers). The migrations name that
 * role through the placeholder {@code appRole}: {@code fileparser.db.app-role} when set, else the
 * role {@code jdbc/parser} logs in as.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  /** A role name the migrations may quote as they are given it: plain, lower case. */
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  @Resource(lookup = "jdbc/parser-schema")
  DataSource dataSource;

  @Resource(lookup = "jdbc/parser")
  DataSource appDataSource;

  @Inject
  @ConfigProperty(name = "fileparser.db.app-role")
  Optional<String> appRole;

  @PostConstruct
  void migrate() {
    String role = appRole();
    MigrateResult result =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .placeholders(Map.of("appRole", role))
            .load()
            .migrate();
    LOG.info(
        () ->
            "schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied; the application's role is "
                + role
                + ")");
  }

  /**
   * @throws IllegalStateException for a role name that is not plain lower case (the migrations
   *     would have to quote it), or when the application's data source cannot say who it is
   */
  private String appRole() {
    String role =
        appRole
            .filter(name -> !name.isBlank())
            .map(String::strip)
            .orElseGet(this::appDataSourceUser);
    if (!ROLE_NAME.matcher(role).matches()) {
      throw new IllegalStateException(
          "the application's database role must be lower-case letters, digits or _: " + role);
    }
    return role;
  }

  private String appDataSourceUser() {
    try (Connection connection = appDataSource.getConnection()) {
      return connection.getMetaData().getUserName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot tell which role jdbc/parser connects as (set fileparser.db.app-role)", e);
    }
  }
}
