package io.fileparser.security;

import io.fileparser.broker.RedisConnection;
import io.fileparser.telemetry.CacheCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The profile of each tenant, read on every request (rate limits, the disabled check, upload
 * policies) and so remembered in this instance, yet never stale: each tenant has a version in Redis
 * ({@code fileparser:tenants:version:<id>}), raised once a change commits ({@link TenantChanged}),
 * and a remembered profile is used only while the version it was read under is still the current
 * one. The version is read before the row, so a profile read while a change commits is remembered
 * under the old version and read again on the next request. A change thus applies on every instance
 * from the very next request, at the cost of one Redis GET instead of a database read.
 *
 * <p>When Redis does not answer, every read goes to the database and nothing is remembered (what
 * was is forgotten, since a change may have been missed meanwhile). A change whose version could
 * not be raised is still seen within {@link #MAX_AGE}, the longest a profile is ever remembered.
 * Hits and misses are counted ({@code fileparser_cache_hits_total{cache="tenant-profiles"}}).
 */
@ApplicationScoped
public class TenantProfiles {

  static final String VERSION_PREFIX = "fileparser:tenants:version:";

  static final Duration MAX_AGE = Duration.ofSeconds(60);

  private static final Logger LOG = Logger.getLogger(TenantProfiles.class.getName());

  private record Remembered(String version, TenantProfile profile, long readAtNanos) {}

  @Inject RedisConnection redis;
  @Inject StoredTenantProfiles stored;

  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  @Inject CacheCounters counters;

  private CacheCounters.Of counted = CacheCounters.Of.unregistered();

  @PostConstruct
  void count() {
    counted = counters.of("tenant-profiles");
  }

  /** The tenant's profile as it stands now; the defaults for a tenant not registered yet. */
  public TenantProfile of(String tenantId) {
    String version;
    try {
      version = redis.pool().get(VERSION_PREFIX + tenantId);
    } catch (JedisException e) {
      LOG.log(Level.FINE, "tenant profiles read from the database: Redis did not answer", e);
      remembered.clear();
      return stored.load(tenantId);
    }
    String current = version == null ? "0" : version;
    long now = System.nanoTime();
    Remembered known = remembered.get(tenantId);
    if (known != null
        && known.version().equals(current)
        && now - known.readAtNanos() < MAX_AGE.toNanos()) {
      counted.hit();
      return known.profile();
    }
    counted.miss();
    TenantProfile profile = stored.load(tenantId);
    remembered.put(tenantId, new Remembered(current, profile, now));
    return profile;
  }

  /** Raises the tenant's version once its change has committed, so every instance reads it anew. */
  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged change) {
    remembered.remove(change.tenantId());
    try {
      redis.pool().incr(VERSION_PREFIX + change.tenantId());
    } catch (JedisException e) {
      LOG.log(
          Level.WARNING,
          "the change of tenant "
              + change.tenantId()
              + " reaches other instances within "
              + MAX_AGE.toSeconds()
              + " s: Redis did not answer",
          e);
    }
  }
}
