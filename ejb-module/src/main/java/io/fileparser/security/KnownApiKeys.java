package io.fileparser.security;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.fileparser.broker.RedisConnection;
import io.fileparser.security.entity.ApiKey;
import io.fileparser.telemetry.CacheCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * API keys as last read from the database, so that checking a presented key costs one Redis GET
 * instead of a database read in a transaction; yet never stale. As with {@link TenantProfiles}: the
 * keys have one version in Redis ({@code fileparser:api-keys:version}), raised once a change of a
 * key commits ({@link ApiKeysChanged}: a revocation), and a key read under an older version is read
 * again. The version is read before the row, so a key read while its revocation commits is
 * remembered under the old version and read anew on the next request: a revoked key is refused on
 * every instance from the next request after the revocation committed.
 *
 * <p>When Redis does not answer, keys are read from the database and nothing is remembered (what
 * was is forgotten, since a change may have been missed meanwhile). A revocation whose version
 * could not be raised is still seen within {@link #MAX_AGE}, the longest a key is remembered. Only
 * keys that exist are remembered (an unknown prefix is read each time), at most {@link #CAPACITY};
 * hits and misses are counted ({@code fileparser_cache_hits_total{cache="api-keys"}}).
 */
@ApplicationScoped
public class KnownApiKeys {

  static final String VERSION_KEY = "fileparser:api-keys:version";
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  static final int CAPACITY = 50_000;

  private static final Logger LOG = Logger.getLogger(KnownApiKeys.class.getName());

  /**
   * What a check needs of a key, as read under {@code version}; {@code useRecorded} is the last use
   * this instance knows to be written (the database's column, or its own write).
   */
  public record Known(
      UUID id,
      String tenantId,
      String keyPrefix,
      byte[] secretHash,
      Set<String> roles,
      Instant revokedAt,
      Instant expiresAt,
      String version,
      long readAtNanos,
      AtomicReference<Instant> useRecorded) {

    static Known of(ApiKey key, String version, long now) {
      return new Known(
          key.getId(),
          key.getTenantId(),
          key.getKeyPrefix(),
          key.getSecretHash(),
          Set.copyOf(key.getRoles()),
          key.getRevokedAt(),
          key.getExpiresAt(),
          version,
          now,
          new AtomicReference<>(key.getLastUsedAt()));
    }

    public boolean isRevoked() {
      return revokedAt != null;
    }

    public boolean isUsableAt(Instant now) {
      return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
  }

  /** The version current when a read began; null when Redis did not answer. */
  public record Reading(String version) {}

  @Inject RedisConnection redis;
  @Inject CacheCounters counters;

  private Cache<String, Known> known;
  private CacheCounters.Of counted;

  @PostConstruct
  void create() {
    known = CacheBuilder.newBuilder().maximumSize(CAPACITY).build();
    counted = counters.of("api-keys");
  }

  /** An instance's memory outside the container (component tests), over a real Redis. */
  static KnownApiKeys unregistered(RedisConnection redis) {
    KnownApiKeys keys = new KnownApiKeys();
    keys.redis = redis;
    keys.known = CacheBuilder.newBuilder().maximumSize(CAPACITY).build();
    keys.counted = CacheCounters.Of.unregistered();
    return keys;
  }

  /** This memory's counts. */
  CacheCounters.Of counted() {
    return counted;
  }

  /** Begins a check: the keys' current version, read before any row. */
  public Reading begin() {
    try {
      String version = redis.pool().get(VERSION_KEY);
      return new Reading(version == null ? "0" : version);
    } catch (JedisException e) {
      LOG.log(Level.FINE, "API keys read from the database: Redis did not answer", e);
      known.invalidateAll();
      return new Reading(null);
    }
  }

  /** The key remembered under the current version, if any and not too old. */
  public Optional<Known> recall(Reading reading, String keyPrefix) {
    if (reading.version() == null) {
      return Optional.empty();
    }
    Known k = known.getIfPresent(keyPrefix);
    if (k != null
        && k.version().equals(reading.version())
        && System.nanoTime() - k.readAtNanos() < MAX_AGE.toNanos()) {
      counted.hit();
      return Optional.of(k);
    }
    counted.miss();
    return Optional.empty();
  }

  /** Remembers a key just read from the database under the reading's version. */
  public Known remember(Reading reading, ApiKey key) {
    Known k = Known.of(key, reading.version() == null ? "" : reading.version(), System.nanoTime());
    if (reading.version() != null) {
      known.put(key.getKeyPrefix(), k);
    }
    return k;
  }

  /** Raises the version once a change of a key has committed, so every instance reads anew. */
  void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApiKeysChanged change) {
    known.invalidate(change.keyPrefix());
    try {
      redis.pool().incr(VERSION_KEY);
    } catch (JedisException e) {
      LOG.log(
          Level.WARNING,
          "the change of API key "
              + change.keyPrefix()
              + " reaches other instances within "
              + MAX_AGE.toSeconds()
              + " s: Redis did not answer",
          e);
    }
  }
}
