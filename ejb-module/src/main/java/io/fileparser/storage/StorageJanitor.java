package io.fileparser.storage;

import io.fileparser.scheduling.PeriodicTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cleans up after interrupted uploads: aborts S3 multipart uploads that were never completed (S3
 * keeps, and bills, their parts until someone does), removes finalised but never promoted Cloud
 * Storage staging objects (unfinalised resumable sessions are not listable; Cloud Storage discards
 * them a week after they began) and removes old local staging files. What the database still names
 * ({@link StagedKeys}) stays, however old: a file waiting for a scanner that has been away longer,
 * a resumable upload allowed to live longer.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StorageJanitor extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(StorageJanitor.class.getName());

  @Inject ObjectStore store;
  @Inject StagedKeys stagedKeys;

  @Inject
  @ConfigProperty(name = "fileparser.storage.stale-staging-hours", defaultValue = "24")
  long staleHours;

  @Override
  protected Duration initialDelay() {
    return Duration.ofMinutes(5);
  }

  @Override
  protected Duration interval() {
    return Duration.ofHours(1);
  }

  @Override
  protected void runRound() {
    try {
      int removed = store.removeAbandonedStaging(Duration.ofHours(staleHours), stagedKeys::named);
      if (removed > 0) {
        LOG.info(() -> "removed " + removed + " abandoned staging uploads");
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "staging cleanup failed; will try again", e);
    }
  }
}
