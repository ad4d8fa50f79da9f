package io.fileparser.progress;

import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies stored finished task states on a schedule, besides after each (re)subscription: a result
 * whose publish arrived while the database was away is applied once it is back, instead of the job
 * waiting for the lost-work sweep to run it again. A result is applied here in the round after the
 * one that first found it unapplied: one interval is its published message's to arrive.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Reconciliation extends PeriodicTask {

  @Inject StoredStates storedStates;

  @Inject
  @ConfigProperty(name = "fileparser.progress.reconcile-interval-s", defaultValue = "15")
  long intervalSeconds;

  /** The finished states found unapplied in the last round (rounds never overlap). */
  private volatile Set<String> found = Set.of();

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  @Override
  protected void runRound() {
    found = storedStates.reconcileFinished(found);
  }
}
