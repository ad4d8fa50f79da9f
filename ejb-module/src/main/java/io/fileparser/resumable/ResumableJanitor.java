package io.fileparser.resumable;

import io.fileparser.problem.ProblemException;
import io.fileparser.scheduling.PeriodicTask;
import io.fileparser.storage.ObjectStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes expired resumable uploads (tus expiration): their chunks (or their multipart staging
 * upload, aborted, and its buffer) as soon as they expire, their rows a while later, so that a
 * client asking about an upload that just expired is told 410 Gone rather than 404.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ResumableJanitor extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(ResumableJanitor.class.getName());
  private static final int BATCH = 100;

  @Inject ResumableLedger ledger;
  @Inject ObjectStore store;
  @Inject MultipartLedger multipartLedger;
  @Inject MultipartChunks multipart;
  @Inject UploadLock locks;

  @Inject
  @ConfigProperty(name = "fileparser.resumable.expiry-hours", defaultValue = "12")
  long expiryHours;

  @Inject
  @ConfigProperty(name = "fileparser.resumable.forget-after-hours", defaultValue = "168")
  long forgetAfterHours;

  /** How often a round runs; the first runs a minute after the start, or sooner if this is less. */
  @Inject
  @ConfigProperty(name = "fileparser.resumable.cleanup-interval-s", defaultValue = "600")
  long intervalSeconds;

  @Override
  protected Duration initialDelay() {
    return Duration.ofSeconds(Math.min(60, intervalSeconds));
  }

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  /**
   * Aborts the multipart staging of uploads that expired (their parts are stored, and billed, until
   * someone does) or that finished without freeing it (a crash in between), and removes their
   * buffers. An upload whose lock is held is being written to: left for the next round.
   */
  int releaseMultipartUploads(Instant now) {
    int done = 0;
    for (UUID id : multipartLedger.leftBehind(now, BATCH)) {
      UploadLock.Held lock;
      try {
        lock = locks.acquire(id);
      } catch (ProblemException e) {
        continue;
      }
      try (lock) {
        boolean completed = ledger.find(id).status().state().equals("completed");
        if (multipart.release(id, completed)) {
          done++;
        }
      }
    }
    return done;
  }

  @Override
  protected void runRound() {
    Instant now = Instant.now();
    int released = 0;
    for (UUID id : ledger.expiredWithChunks(now, BATCH)) {
      ledger.releaseChunks(id).forEach(store::discard);
      released++;
    }
    int aborted = releaseMultipartUploads(now);
    int removed = ledger.removeExpired(now.minus(Duration.ofHours(forgetAfterHours)));
    if (released > 0 || aborted > 0 || removed > 0) {
      int r = released;
      LOG.info(
          () ->
              "expired uploads: chunks of "
                  + r
                  + " removed, multipart uploads of "
                  + aborted
                  + " aborted, "
                  + removed
                  + " forgotten");
    }
    try {
      // A buffer is younger than its upload, and an upload lives expiry-hours: an older one is
      // what a crash between writing a buffer and recording it left behind.
      int stale = multipart.removeStaleBuffers(Duration.ofHours(expiryHours + 1));
      if (stale > 0) {
        LOG.info(() -> "removed " + stale + " abandoned upload buffers");
      }
    } catch (IOException e) {
      LOG.warning(() -> "could not sweep the upload buffers: " + e);
    }
  }
}
