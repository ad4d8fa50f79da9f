package io.fileparser.upload;

import io.fileparser.files.entity.StoredFile;
import io.fileparser.scan.ClamdException;
import io.fileparser.scan.ScanVerdict;
import io.fileparser.scan.VirusScanner;
import io.fileparser.scheduling.PeriodicTask;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Scans the files that arrived while clamd was unreachable (fail closed: their jobs wait in
 * SCANNING, their bytes in staging), and those whose verdict was to come after their upload's
 * answer but did not (the instance stopped, the scan failed). Runs on a schedule; stops a round at
 * the first sign that clamd is still away; leaves alone a file whose late verdict this instance
 * still waits for.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PendingScans extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(PendingScans.class.getName());

  @Inject VirusScanner scanner;
  @Inject ObjectStore store;
  @Inject ScanOutcomes outcomes;
  @Inject UploadChecks checks;

  @Inject
  @ConfigProperty(name = "fileparser.scan.rescan-interval-s", defaultValue = "30")
  long intervalSeconds;

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(intervalSeconds);
  }

  @Override
  protected void runRound() {
    if (!scanner.isEnabled()) {
      return;
    }
    List<StoredFile> pending = outcomes.pending(50);
    if (pending.isEmpty() || !scanner.isReachable()) {
      return;
    }
    for (StoredFile file : pending) {
      if (checks.isFollowed(file.getTenantId(), file.getSha256())) {
        continue; // its scan goes on after its upload's answer, here: its verdict is on the way
      }
      StagedObject staged = ScanOutcomes.staging(file);
      ScanVerdict verdict;
      try (InputStream in = store.openStaged(staged)) {
        verdict = scanner.scan(in);
      } catch (ClamdException e) {
        LOG.info(() -> "clamd still unavailable: " + e.getMessage());
        return;
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "cannot read staged file " + file.getId(), e);
        continue;
      }
      if (verdict.outcome() == ScanVerdict.Outcome.ERROR) {
        LOG.warning(() -> "rescan of " + file.getId() + " failed: " + verdict.signature());
        continue;
      }
      outcomes.apply(file.getId(), verdict, staged);
    }
  }
}
