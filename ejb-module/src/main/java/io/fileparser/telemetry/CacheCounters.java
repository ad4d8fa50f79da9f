package io.fileparser.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Hits and misses of the application's caches, as {@code fileparser_cache_hits_total} and {@code
 * fileparser_cache_misses_total} tagged with the cache's name (a fixed set: {@code job-views},
 * {@code api-keys}, ...), so a hit rate is {@code hits / (hits + misses)} per cache and instance.
 */
@ApplicationScoped
public class CacheCounters {

  static final String HITS = "fileparser_cache_hits";
  static final String MISSES = "fileparser_cache_misses";

  @Inject MetricRegistry registry;

  /**
   * The counters of one cache; keep them, a lookup per count costs a registry search. Outside the
   * container (component tests) there is no registry, and only the cache's own tally counts.
   */
  public Of of(String cache) {
    if (registry == null) {
      return new Of(null, null);
    }
    Tag tag = new Tag("cache", cache);
    return new Of(
        registry.counter(
            Metadata.builder()
                .withName(HITS)
                .withDescription("Reads answered from a cache, by cache")
                .build(),
            tag),
        registry.counter(
            Metadata.builder()
                .withName(MISSES)
                .withDescription("Reads a cache could not answer (read from the source), by cache")
                .build(),
            tag));
  }

  /** One cache's counters, and its tally since this instance made it. */
  public static final class Of {

    private final Counter hits;
    private final Counter misses;
    private final LongAdder hitTally = new LongAdder();
    private final LongAdder missTally = new LongAdder();

    Of(Counter hits, Counter misses) {
      this.hits = hits;
      this.misses = misses;
    }

    /** Counters of a cache outside the container: a tally only. */
    public static Of unregistered() {
      return new Of(null, null);
    }

    public void hit() {
      hitTally.increment();
      if (hits != null) {
        hits.inc();
      }
    }

    public void miss() {
      missTally.increment();
      if (misses != null) {
        misses.inc();
      }
    }

    public long hits() {
      return hitTally.sum();
    }

    public long misses() {
      return missTally.sum();
    }
  }
}
