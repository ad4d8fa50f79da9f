package io.fileparser.upload;

import io.fileparser.scheduling.PeriodicTask;
import io.fileparser.storage.ListedObject;
import io.fileparser.storage.ObjectStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes stored files that no file row points at: what is left when the database failed, or the
 * server stopped, between an upload's promotion to its content address and its registration, and
 * the clean-up after it could not reach the database either.
 *
 * <p>Only objects older than a grace period are candidates: a promotion renews the modification
 * time of an object it finds in place, so bytes whose registration is under way are never taken.
 * Each candidate is looked at again just before it goes. A file row for the same tenant and hash
 * anywhere (clean or quarantined) keeps an object: the sweep errs on the side of keeping.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OrphanedObjects extends PeriodicTask {

  private static final Logger LOG = Logger.getLogger(OrphanedObjects.class.getName());

  /** Objects looked up in the database at once. */
  static final int BATCH = 500;

  @Inject ObjectStore store;
  @Inject UploadRegistrar registrar;

  @Inject
  @ConfigProperty(name = "fileparser.storage.orphan-grace-hours", defaultValue = "24")
  long graceHours;

  @Inject
  @ConfigProperty(name = "fileparser.storage.orphan-sweep-interval-hours", defaultValue = "6")
  long intervalHours;

  @Override
  protected Duration initialDelay() {
    return Duration.ofMinutes(15);
  }

  @Override
  protected Duration interval() {
    return Duration.ofHours(intervalHours);
  }

  @Override
  protected void runRound() {
    try {
      int removed = sweep(Instant.now().minus(Duration.ofHours(graceHours)));
      if (removed > 0) {
        LOG.info(() -> "removed " + removed + " stored files no file row points at");
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "orphaned-object sweep failed; will try again", e);
    }
  }

  /**
   * Removes the objects last modified before {@code cutoff} that no file row points at.
   *
   * @return how many were removed
   */
  public int sweep(Instant cutoff) throws IOException {
    int removed = 0;
    List<ListedObject> batch = new ArrayList<>(BATCH);
    try (Stream<ListedObject> objects = store.contentObjects()) {
      Iterator<ListedObject> old =
          objects.filter(object -> object.lastModified().isBefore(cutoff)).iterator();
      while (old.hasNext()) {
        batch.add(old.next());
        if (batch.size() == BATCH) {
          removed += removeUnregistered(batch, cutoff);
          batch.clear();
        }
      }
    }
    return removed + removeUnregistered(batch, cutoff);
  }

  private int removeUnregistered(List<ListedObject> batch, Instant cutoff) throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    Set<UploadRegistrar.FileKey> registered = registrar.registeredAmong(batch);
    int removed = 0;
    for (ListedObject object : batch) {
      if (registered.contains(new UploadRegistrar.FileKey(object.tenantId(), object.sha256()))) {
        continue;
      }
      // A promotion of the same bytes since the listing renewed the time: it stays.
      Optional<Instant> modified = store.lastModified(object.uri());
      if (modified.isPresent() && modified.get().isBefore(cutoff)) {
        store.delete(object.uri());
        removed++;
        LOG.fine(() -> "removed orphaned " + object.uri());
      }
    }
    return removed;
  }
}
