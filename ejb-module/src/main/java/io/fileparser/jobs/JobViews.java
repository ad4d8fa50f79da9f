package io.fileparser.jobs;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.fileparser.telemetry.CacheCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Job views as last read, each with the version of the job's row it was read at, so that a status
 * read finding the job unchanged answers from memory instead of loading the job with its file,
 * steps and dependencies and building the view again.
 *
 * <p>Never stale: every status read still asks PostgreSQL for the job's current version within the
 * caller's tenant ({@link JobService#find}), and a view is used only for that exact version. Every
 * change a view shows (state, steps, progress, outcome, failure, the dependencies' outcomes,
 * priority) is a change of the job entity or of a collection it owns, which raises the version (its
 * optimistic lock); a deleted job is not found at all. Bounded by the characters its views hold,
 * about two bytes each ({@code fileparser.jobs.view-cache.chars}, 32 million: about 64 MiB; a view
 * weighs its result summary and metadata plus a kilobyte for the rest), least recently used out
 * first; hits and misses are counted ({@code fileparser_cache_hits_total{cache="job-views"}}).
 */
@ApplicationScoped
public class JobViews {

  /** A view and what it was read for. */
  private record Kept(String tenantId, long version, JobView view) {}

  @Inject CacheCounters counters;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.view-cache.chars", defaultValue = "33554432")
  long maxChars;

  private Cache<UUID, Kept> kept;
  private CacheCounters.Of counted;

  @PostConstruct
  void create() {
    kept = build(maxChars);
    counted = counters.of("job-views");
  }

  private static Cache<UUID, Kept> build(long maxChars) {
    return CacheBuilder.newBuilder()
        .maximumWeight(Math.max(0, maxChars))
        .<UUID, Kept>weigher((id, k) -> weight(k.view()))
        .build();
  }

  /** About how many characters a view holds: its free-form texts, and a kilobyte for the rest. */
  static int weight(JobView view) {
    long chars =
        1024L
            + (view.result() == null ? 0 : view.result().length())
            + (view.metadata() == null ? 0 : view.metadata().length())
            + 64L * (view.steps() == null ? 0 : view.steps().size());
    return (int) Math.min(Integer.MAX_VALUE, chars);
  }

  /** A memory outside the container (component tests), counting only its own tally. */
  static JobViews unregistered(long maxChars) {
    JobViews views = new JobViews();
    views.maxChars = maxChars;
    views.kept = build(maxChars);
    views.counted = CacheCounters.Of.unregistered();
    return views;
  }

  /** This memory's counts. */
  CacheCounters.Of counted() {
    return counted;
  }

  /** The view kept for this job of this tenant at exactly this version, or null. */
  JobView at(UUID jobId, String tenantId, long version) {
    Kept k = kept.getIfPresent(jobId);
    if (k != null && k.version() == version && k.tenantId().equals(tenantId)) {
      counted.hit();
      return k.view();
    }
    counted.miss();
    return null;
  }

  /** Keeps a view read at {@code version}, unless a view of a later version is kept already. */
  void keep(UUID jobId, String tenantId, long version, JobView view) {
    kept.asMap()
        .merge(
            jobId,
            new Kept(tenantId, version, view),
            (old, young) -> old.version() > young.version() ? old : young);
  }

  /** Forgets a job (deleted): its memory is not needed, though a read would not find it anyway. */
  public void forget(UUID jobId) {
    kept.invalidate(jobId);
  }
}
