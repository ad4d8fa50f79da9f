package io.fileparser.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutagesTest {

  @Test
  void aConnectionFailureDeepInsideContainerWrappersIsTheDatabaseAway() {
    Throwable failure =
        new EJBException(
            new PersistenceException(
                "could not execute statement",
                new SQLTransientConnectionException("Connection refused")));

    assertEquals(Optional.of("database"), Outages.dependencyAway(failure));
  }

  @ParameterizedTest
  @ValueSource(strings = {"08001", "08006", "57P01", "57P03"})
  void connectionAndShutdownSqlStatesAreTheDatabaseAway(String state) {
    assertEquals(
        Optional.of("database"),
        Outages.dependencyAway(new PersistenceException(new SQLException("gone", state))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "42P01", "22001"})
  void constraintAndSyntaxErrorsAreOurOwn(String state) {
    assertEquals(Optional.empty(), Outages.dependencyAway(new SQLException("ours", state)));
  }

  @Test
  void hibernatesConnectionExceptionIsRecognisedByName() {
    assertEquals(
        Optional.of("database"),
        Outages.dependencyAway(
            new RuntimeException(
                new org.hibernate.exception.JDBCConnectionException(
                    "Unable to acquire JDBC Connection", new SQLException("no state")))));
  }

  @Test
  void aFailureWithoutAnOutageInItsChainIsNotOne() {
    assertEquals(
        Optional.empty(),
        Outages.dependencyAway(new IllegalStateException(new IOException("disk full"))));
  }

  @Test
  void aCommitWhoseConnectionWasTerminatedIsTheDatabaseAway() {
    XAException lost =
        new XAException(
            "jakarta.resource.spi.LocalTransactionException: FATAL: terminating connection due to"
                + " administrator command");
    Exception failure = new RuntimeException(new IllegalStateException("commit failed", lost));

    assertEquals(Optional.of("database"), Outages.dependencyAway(failure));
  }

  @Test
  void aResourceFailingBranchIsTheDatabaseAway() {
    assertEquals(
        Optional.of("database"),
        Outages.dependencyAway(new RuntimeException(new XAException(XAException.XAER_RMFAIL))));
  }

  @Test
  void anotherTransactionBranchErrorIsOurOwn() {
    assertEquals(
        Optional.empty(),
        Outages.dependencyAway(new RuntimeException(new XAException(XAException.XA_RBDEADLOCK))));
  }
}
