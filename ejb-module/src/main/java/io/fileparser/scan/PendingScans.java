package io.fileparser.scan;

import io.fileparser.files.entity.StoredFile;
import io.fileparser.storage.ObjectStore;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.ScanOutcomes;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Scans the files that arrived while clamd was unreachable (fail closed: their jobs wait in
 * SCANNING, their bytes in staging). Runs on a schedule; stops a round at the first sign that clamd
 * is still away.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PendingScans {

  private static final Logger LOG = Logger.getLogger(PendingScans.class.getName());

  @Resource(lookup = "concurrent/parserScheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject VirusScanner scanner;
  @Inject ObjectStore store;
  @Inject ScanOutcomes outcomes;

  @Inject
  @ConfigProperty(name = "fileparser.scan.rescan-interval-s", defaultValue = "30")
  long intervalSeconds;

  private ScheduledFuture<?> schedule;

  @PostConstruct
  void start() {
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::rescan, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  void rescan() {
    if (!scanner.isEnabled()) {
      return;
    }
    try {
      List<StoredFile> pending = outcomes.pending(50);
      if (pending.isEmpty() || !scanner.isReachable()) {
        return;
      }
      for (StoredFile file : pending) {
        StagedObject staged = new StagedObject(file.getStagingKey(), file.getSizeBytes());
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
        outcomes.apply(file.getId(), verdict.isInfected(), verdict.signature(), staged);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "rescan round failed; will try again", e);
    }
  }
}
