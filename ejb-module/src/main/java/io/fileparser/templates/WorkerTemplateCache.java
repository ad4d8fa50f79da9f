package io.fileparser.templates;

import io.fileparser.telemetry.CacheCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each tenant's worker list as last loaded, with the revisions it was loaded at. An entry is reused
 * only at the same revisions, so a publish or archive on any instance (which bumps the tenant's
 * revision in its transaction) is seen by the next dispatch everywhere. Bounded: past {@link
 * #MAX_TENANTS} tenants it starts afresh. Hits and misses are counted ({@code
 * fileparser_cache_hits_total{cache="worker-templates"}}).
 */
@ApplicationScoped
public class WorkerTemplateCache {

  static final int MAX_TENANTS = 10_000;

  private record Entry(long tenantRevision, long systemRevision, List<Map<String, Object>> list) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Inject CacheCounters counters;

  private CacheCounters.Of counted = CacheCounters.Of.unregistered();

  @PostConstruct
  void count() {
    counted = counters.of("worker-templates");
  }

  List<Map<String, Object>> get(
      String tenantId,
      long tenantRevision,
      long systemRevision,
      Supplier<List<Map<String, Object>>> load) {
    Entry entry = entries.get(tenantId);
    if (entry != null
        && entry.tenantRevision() == tenantRevision
        && entry.systemRevision() == systemRevision) {
      counted.hit();
      return entry.list();
    }
    counted.miss();
    List<Map<String, Object>> list = List.copyOf(load.get());
    if (entries.size() >= MAX_TENANTS) {
      entries.clear();
    }
    entries.put(tenantId, new Entry(tenantRevision, systemRevision, list));
    return list;
  }
}
