package io.fileparser.storage;

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
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cleans up after interrupted uploads: aborts S3 multipart uploads that were never completed (S3
 * keeps, and bills, their parts until someone does) and removes old local staging files.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StorageJanitor {

  private static final Logger LOG = Logger.getLogger(StorageJanitor.class.getName());

  @Resource(lookup = "concurrent/parserScheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject ObjectStore store;

  @Inject
  @ConfigProperty(name = "fileparser.storage.stale-staging-hours", defaultValue = "24")
  long staleHours;

  private ScheduledFuture<?> schedule;

  @PostConstruct
  void start() {
    schedule = scheduler.scheduleWithFixedDelay(this::clean, 5, 60, TimeUnit.MINUTES);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  void clean() {
    Duration age = Duration.ofHours(staleHours);
    try {
      int removed = store.removeAbandonedStaging(age);
      if (removed > 0) {
        int count = removed;
        LOG.info(() -> "removed " + count + " abandoned staging uploads");
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "staging cleanup failed; will try again", e);
    }
  }
}
