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
 * optimistic lock); a deleted job is not found at all. Bounded by {@code
 * fileparser.jobs.view-cache.size} (least recently used out first); hits and misses are counted
 * ({@code fileparser_cache_hits_total{cache="job-views"}}).
 */
@ApplicationScoped
public class JobViews {

  /** A view and what it was read for. */
  private record Kept(String tenantId, long version, JobView view) {}

  @Inject CacheCounters counters;

  @Inject
  @ConfigProperty(name = "fileparser.jobs.view-cache.size", defaultValue = "20000")
  long size;

  private Cache<UUID, Kept> kept;
  private CacheCounters.Of counted;

  @PostConstruct
  void create() {
    kept = CacheBuilder.newBuilder().maximumSize(Math.max(0, size)).build();
    counted = counters.of("job-views");
  }

  /** A memory outside the container (component tests), counting only its own tally. */
  static JobViews unregistered(long size) {
    JobViews views = new JobViews();
    views.size = size;
    views.kept = CacheBuilder.newBuilder().maximumSize(size).build();
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
