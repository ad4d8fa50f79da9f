package io.fileparser.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * Recognises a failure that is a dependency being away (the database, Redis, the object store)
 * rather than a fault of ours: such a request is answered {@code 503 service_unavailable} with
 * {@code Retry-After}, so clients retry, instead of a {@code 500} that reads like a bug. Looks
 * through the cause chain, since the container and JPA wrap what the driver threw; matches library
 * types by name, so this leaf depends on none of them.
 */
public final class Outages {

  /** Seconds a client should wait before retrying: about what a database restart takes. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private static final Set<String> DATABASE_AWAY =
      Set.of(
          "org.hibernate.exception.JDBCConnectionException",
          "jakarta.resource.ResourceException",
          "jakarta.resource.spi.ResourceAllocationException",
          "com.sun.appserv.connectors.internal.api.PoolingException");

  private static final Set<String> BROKER_AWAY =
      Set.of(
          "redis.clients.jedis.exceptions.JedisConnectionException",
          "redis.clients.jedis.exceptions.JedisClusterOperationException");

  private Outages() {}

  /** The dependency that is away ("database", "broker"), if this failure says one is. */
  public static Optional<String> dependencyAway(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || (t instanceof SQLException sql && isConnectionState(sql.getSQLState()))
          || isOrExtends(t.getClass(), DATABASE_AWAY)
          || isLostTransactionBranch(t)) {
        return Optional.of("database");
      }
      if (BROKER_AWAY.contains(t.getClass().getName())) {
        return Optional.of("broker");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Whether the class, or a superclass of it, has one of these names. */
  private static boolean isOrExtends(Class<?> type, Set<String> names) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (names.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The transaction manager could not finish a branch because its connection is gone (seen when
   * PostgreSQL restarts during a commit: an {@code XAException} carrying the pool's {@code
   * LocalTransactionException} as text only, not as a cause).
   */
  private static boolean isLostTransactionBranch(Throwable t) {
    return t instanceof XAException xa
        && (xa.errorCode == XAException.XAER_RMFAIL
            || String.valueOf(xa.getMessage()).contains("LocalTransactionException"));
  }

  /**
   * SQLSTATE class 08 (connection exception), 57P01-57P03 (the server shutting down or not yet
   * accepting connections).
   */
  private static boolean isConnectionState(String state) {
    return state != null
        && (state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03"));
  }
}
