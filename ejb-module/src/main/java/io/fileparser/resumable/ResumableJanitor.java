package io.fileparser.resumable;

import io.fileparser.scheduling.PeriodicTask;
import io.fileparser.storage.ObjectStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes expired resumable uploads (tus expiration): their chunks as soon as they expire, their
 * rows a while later, so that a client asking about an upload that just expired is told 410 Gone
 * rather than 404.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ResumableJanitor extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(ResumableJanitor.class.getName());
  private static final int BATCH = 100;

  @Inject ResumableLedger ledger;
  @Inject ObjectStore store;

  @Inject
  @ConfigProperty(name = "fileparser.resumable.forget-after-hours", defaultValue = "168")
  long forgetAfterHours;

  @Override
  protected Duration initialDelay() {
    return Duration.ofMinutes(1);
  }

  @Override
  protected Duration interval() {
    return Duration.ofMinutes(10);
  }

  @Override
  protected void runRound() {
    Instant now = Instant.now();
    int released = 0;
    for (UUID id : ledger.expiredWithChunks(now, BATCH)) {
      ledger.releaseChunks(id).forEach(store::discard);
      released++;
    }
    int removed = ledger.removeExpired(now.minus(Duration.ofHours(forgetAfterHours)));
    if (released > 0 || removed > 0) {
      int r = released;
      LOG.info(() -> "expired uploads: chunks of " + r + " removed, " + removed + " forgotten");
    }
  }
}
