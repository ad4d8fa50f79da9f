package io.fileparser.resumable;

import io.fileparser.scheduling.PeriodicTask;
import io.fileparser.upload.Inspection;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link Inspection}s of resumable uploads between two of their chunks, on this instance: the
 * scan and the validation that read an upload's bytes as its chunks are staged, so that the
 * complete upload is not read back to be checked. An inspection is handed on only to the next chunk
 * at the offset where the last one ended; a chunk that lands elsewhere (another instance, after a
 * restart, after a chunk that broke off and was not kept) finds none, and the complete upload is
 * then read back once, as it always could be. Each held inspection keeps two check threads and a
 * clamd connection waiting, so they are few ({@code fileparser.resumable.held-inspections}) and let
 * go when the client pauses ({@code fileparser.resumable.inspection-idle-s}), well inside clamd's
 * own {@code ReadTimeout}.
 *
 * <p>Which way each complete upload was checked is counted by {@link
 * io.fileparser.telemetry.Telemetry#resumableChecked}.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HeldInspections extends PeriodicTask {

  private record Held(Inspection inspection, long offset, long since) {}

  @Inject
  @ConfigProperty(name = "fileparser.resumable.held-inspections", defaultValue = "8")
  int maxHeld;

  @Inject
  @ConfigProperty(name = "fileparser.resumable.inspection-idle-s", defaultValue = "60")
  long idleSeconds;

  private final Map<UUID, Held> held = new ConcurrentHashMap<>();

  @Override
  protected Duration interval() {
    return Duration.ofSeconds(Math.max(1, Math.min(idleSeconds, 15)));
  }

  /**
   * The inspection of upload {@code id} whose chunks so far end at {@code offset}; empty when none
   * is held here or it stands elsewhere (then it is abandoned).
   */
  public Optional<Inspection> take(UUID id, long offset) {
    Held found = held.remove(id);
    if (found == null) {
      return Optional.empty();
    }
    if (found.offset() != offset || found.inspection().offset() != offset) {
      found.inspection().abandon();
      return Optional.empty();
    }
    return Optional.of(found.inspection());
  }

  /** Holds {@code inspection} for the next chunk, or abandons it when enough are held. */
  public void keep(UUID id, Inspection inspection) {
    if (held.size() >= maxHeld) {
      inspection.abandon();
      return;
    }
    Held previous = held.put(id, new Held(inspection, inspection.offset(), System.nanoTime()));
    if (previous != null && previous.inspection() != inspection) {
      previous.inspection().abandon();
    }
  }

  /** Whether a new inspection may start: one more could be held. */
  public boolean hasRoom() {
    return held.size() < maxHeld;
  }

  /** Abandons the inspection of an upload that ends otherwise (terminated). */
  public void drop(UUID id) {
    Held found = held.remove(id);
    if (found != null) {
      found.inspection().abandon();
    }
  }

  @Override
  protected void runRound() {
    long limit = System.nanoTime() - Duration.ofSeconds(idleSeconds).toNanos();
    held.forEach(
        (id, entry) -> {
          if (entry.since() - limit < 0 && held.remove(id, entry)) {
            entry.inspection().abandon();
          }
        });
  }

  @PreDestroy
  void abandonAll() {
    held.keySet().forEach(this::drop);
  }
}
