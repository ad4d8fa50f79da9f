package io.fileparser.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants this instance knows to be registered (their row committed), so that {@link
 * TenantRegistry#ensure} need not ask PostgreSQL on every write. Bounded: past {@link #MAX} ids it
 * starts over, which costs one statement per tenant again, never a wrong answer.
 */
@ApplicationScoped
public class KnownTenants {

  static final int MAX = 100_000;

  private final Set<String> ids = ConcurrentHashMap.newKeySet();

  boolean contains(String tenantId) {
    return ids.contains(tenantId);
  }

  void add(String tenantId) {
    if (ids.size() >= MAX) {
      ids.clear();
    }
    ids.add(tenantId);
  }
}
