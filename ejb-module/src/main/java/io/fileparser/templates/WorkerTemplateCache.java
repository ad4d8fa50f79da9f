package io.fileparser.templates;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each tenant's worker list as last loaded, with the revisions it was loaded at. An entry is reused
 * only at the same revisions, so a publish or archive on any instance (which bumps the tenant's
 * revision in its transaction) is seen by the next dispatch everywhere. Bounded: past {@link
 * #MAX_TENANTS} tenants it starts afresh.
 */
@ApplicationScoped
public class WorkerTemplateCache {

  static final int MAX_TENANTS = 10_000;

  private record Entry(long tenantRevision, long systemRevision, List<Map<String, Object>> list) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  List<Map<String, Object>> get(
      String tenantId,
      long tenantRevision,
      long systemRevision,
      Supplier<List<Map<String, Object>>> load) {
    Entry entry = entries.get(tenantId);
    if (entry != null
        && entry.tenantRevision() == tenantRevision
        && entry.systemRevision() == systemRevision) {
      return entry.list();
    }
    List<Map<String, Object>> list = List.copyOf(load.get());
    if (entries.size() >= MAX_TENANTS) {
      entries.clear();
    }
    entries.put(tenantId, new Entry(tenantRevision, systemRevision, list));
    return list;
  }
}
