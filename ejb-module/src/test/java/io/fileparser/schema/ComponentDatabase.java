package io.fileparser.schema;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of the component tests' own, migrated by the application's {@link
 * SchemaMigrator} and opened through the application's persistence unit run RESOURCE_LOCAL. Built
 * once per test run (see {@link ComponentDatabaseExtension}).
 *
 * <p>The database is dropped and recreated at the start of a run, so a run never sees an older
 * run's rows or schema; it is left behind at the end for a look with {@code psql}. A comment marks
 * it as ours: a database of the same name without that mark is never dropped. Server, user and name
 * can be changed with the system properties {@code fileparser.component.pg-url} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/}), {@code fileparser.component.pg-user} ({@code postgres}, no
 * password: trust on loopback) and {@code fileparser.component.db} ({@code fileparser_component_}
 * and a hash of the checkout's path, so that two checkouts on one machine never share it).
 *
 * <p>The migrations grant the application's role its privileges; here that is {@value #APP_ROLE}, a
 * role without login that the tests create once in the cluster (the tests themselves connect as the
 * superuser).
 */
public final class ComponentDatabase implements AutoCloseable {

  static final String SERVER =
      System.getProperty("fileparser.component.pg-url", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = System.getProperty("fileparser.component.pg-user", "postgres");
  static final String NAME =
      System.getProperty(
          "fileparser.component.db",
          "fileparser_component_"
              + Integer.toHexString(
                  Path.of("").toAbsolutePath().normalize().toString().hashCode()));

  public static final String APP_ROLE = "fileparser_component_app";

  private static final String MARK =
      "File Parser API component tests: dropped and recreated by every test run";
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EntityManagerFactory emf;
  private final String startup;

  private ComponentDatabase(EntityManagerFactory emf, String startup) {
    this.emf = emf;
    this.startup = startup;
  }

  /** Recreates the database, migrates it and opens the persistence unit. */
  static ComponentDatabase create() {
    long start = System.nanoTime();
    recreate();
    long recreated = System.nanoTime();
    migrate();
    long migrated = System.nanoTime();
    EntityManagerFactory emf = Persistence.createEntityManagerFactory("parser", resourceLocal());
    long opened = System.nanoTime();
    String startup =
        String.format(
            "recreated in %d ms, migrated in %d ms, persistence unit opened in %d ms",
            millis(start, recreated), millis(recreated, migrated), millis(migrated, opened));
    return new ComponentDatabase(emf, startup);
  }

  /**
   * What turns the server's persistence unit into one that runs here: local transactions on
   * connections of Hibernate's own pool instead of JTA on the server's data source (a JDBC URL
   * given here takes precedence over the unit's {@code jta-data-source}), and no JTA platform
   * instead of Payara's. Everything else (entities, dialect, no schema generation, UTC) is read
   * from {@code persistence.xml} as on the server.
   */
  private static Map<String, Object> resourceLocal() {
    return Map.of(
        AvailableSettings.JAKARTA_TRANSACTION_TYPE,
        PersistenceUnitTransactionType.RESOURCE_LOCAL.name(),
        AvailableSettings.JAKARTA_JDBC_URL,
        url(),
        AvailableSettings.JAKARTA_JDBC_USER,
        USER,
        AvailableSettings.JAKARTA_JDBC_PASSWORD,
        "",
        AvailableSettings.JTA_PLATFORM,
        NoJtaPlatform.class.getName());
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static String url() {
    return SERVER + NAME;
  }

  private static void recreate() {
    if (!PLAIN_NAME.matcher(NAME).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + NAME);
    }
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement statement = admin.createStatement()) {
      if (exists(admin)) {
        statement.execute("drop database " + NAME);
      }
      statement.execute("create database " + NAME);
      // Roles are the cluster's: another checkout's run may be creating the same one right now.
      statement.execute(
          "do $$ begin create role "
              + APP_ROLE
              + " nologin; exception when duplicate_object or unique_violation then null; end $$");
      statement.execute("comment on database " + NAME + " is '" + MARK + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot recreate database "
              + NAME
              + " at "
              + SERVER
              + " as "
              + USER
              + " (is PostgreSQL running, and no other test run using the database?)",
          e);
    }
  }

  /** Whether the database exists; throws if it does but is not one these tests created. */
  private static boolean exists(Connection admin) throws SQLException {
    try (PreparedStatement query =
        admin.prepareStatement(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = ?")) {
      query.setString(1, NAME);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        if (!MARK.equals(row.getString(1))) {
          throw new IllegalStateException(
              "database "
                  + NAME
                  + " exists and was not created by the component tests: not dropping it;"
                  + " choose another name with -Dfileparser.component.db=...");
        }
        return true;
      }
    }
  }

  /** Runs the application's own migrator, as the server does at start. */
  private static void migrate() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url());
    dataSource.setUser(USER);
    SchemaMigrator migrator = new SchemaMigrator();
    migrator.dataSource = dataSource;
    migrator.appRole = Optional.of(APP_ROLE);
    migrator.migrate();
  }

  public EntityManagerFactory emf() {
    return emf;
  }

  /** How long recreating, migrating and opening the persistence unit took. */
  public String startup() {
    return startup;
  }

  /**
   * Runs {@code work} in a transaction of a new entity manager, as a container-managed transaction
   * would: committed if it returns, rolled back if it throws.
   */
  public void inTransaction(Consumer<EntityManager> work) {
    fromTransaction(
        em -> {
          work.accept(em);
          return null;
        });
  }

  /** Like {@link #inTransaction} and returns what {@code work} returns. */
  public <T> T fromTransaction(Function<EntityManager, T> work) {
    try (EntityManager em = emf.createEntityManager()) {
      EntityTransaction transaction = em.getTransaction();
      transaction.begin();
      try {
        T result = work.apply(em);
        transaction.commit();
        return result;
      } catch (RuntimeException | Error e) {
        if (transaction.isActive()) {
          transaction.rollback();
        }
        throw e;
      }
    }
  }

  /**
   * Bounds how long the current transaction of {@code em} waits for a lock (PostgreSQL's default is
   * forever), so a test that finds a lock where none should be fails instead of hanging.
   */
  public static void limitLockWait(EntityManager em, Duration limit) {
    em.createNativeQuery("set local lock_timeout = '" + limit.toMillis() + "ms'").executeUpdate();
  }

  /** A plain JDBC connection (auto-commit), e.g. to watch other sessions in pg_stat_activity. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, "");
  }

  @Override
  public void close() {
    emf.close();
  }
}
