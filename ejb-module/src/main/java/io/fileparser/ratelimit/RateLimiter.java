package io.fileparser.ratelimit;

import io.fileparser.broker.LuaScript;
import io.fileparser.broker.RedisConnection;
import io.fileparser.security.TenantProfile;
import io.fileparser.security.TenantProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Takes one request from a principal's bucket for an endpoint class: the generic cell rate
 * algorithm (GCRA), one Redis key per principal and class holding the bucket's theoretical arrival
 * time, read and moved in one script on Redis's own clock. So the limit holds across every instance
 * of the application (they share the key and the clock) and costs one round trip.
 *
 * <p>When Redis cannot be reached the request is let through (and the outage logged once a minute):
 * the limiter protects the service from callers, it must not take the reading half of the API down
 * with the broker.
 *
 * <p>A tenant's tier, and its own cap on concurrent uploads, are its {@link TenantProfile}'s, so
 * the operator's change of either applies from the next request on.
 */
@ApplicationScoped
public class RateLimiter {

  static final String KEY_PREFIX = "fileparser:ratelimit:";

  /**
   * KEYS[1] the bucket; ARGV[1] the emission interval (µs), ARGV[2] the quota. Answers {allowed,
   * remaining, µs until the quota is whole again, µs until one more request is allowed}. The
   * arrival time is written with string.format: Redis turns a Lua number into text with 14
   * significant digits, and microseconds since the epoch have 16.
   */
  static final String SCRIPT =
      """
      local clock = redis.call('TIME')
      local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
      local interval = tonumber(ARGV[1])
      local capacity = interval * tonumber(ARGV[2])
      local tat = tonumber(redis.call('GET', KEYS[1])) or now
      if tat < now then tat = now end
      local next_tat = tat + interval
      local allowed_at = next_tat - capacity
      if allowed_at > now then
        return {0, 0, tat - now, allowed_at - now}
      end
      redis.call('SET', KEYS[1], string.format('%d', next_tat),
                 'PX', math.ceil((next_tat - now) / 1000))
      return {1, math.floor((capacity - (next_tat - now)) / interval), next_tat - now, 0}
      """;

  static final LuaScript GCRA = LuaScript.of(SCRIPT);

  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

  @Inject RedisConnection redis;
  @Inject RatePolicies policies;
  @Inject TenantProfiles profiles;
  @Inject UploadSlots uploadSlots;

  private volatile Instant lastOutageLogged = Instant.EPOCH;

  /**
   * Takes one request of {@code endpointClass} from the bucket of {@code subject} in {@code
   * tenantId}.
   *
   * @return the decision, or null when limits are off or Redis could not be asked
   */
  public RateDecision take(String tenantId, String subject, EndpointClass endpointClass) {
    if (!policies.isEnabled()) {
      return null;
    }
    return take(profiles.of(tenantId), tenantId, subject, endpointClass);
  }

  /**
   * As {@link #take(String, String, EndpointClass)}, with the tenant's profile as the request
   * already read it (a request reads it once, not once per filter).
   */
  public RateDecision take(
      TenantProfile profile, String tenantId, String subject, EndpointClass endpointClass) {
    if (!policies.isEnabled()) {
      return null;
    }
    RatePolicy policy = policies.of(profile.tier(), endpointClass);
    String key = KEY_PREFIX + policy.name() + ":" + tenantId + ":" + subject;
    try {
      return decide(policy, run(key, policy));
    } catch (JedisException e) {
      Instant now = Instant.now();
      if (now.isAfter(lastOutageLogged.plus(Duration.ofMinutes(1)))) {
        lastOutageLogged = now;
        LOG.log(Level.WARNING, "rate limits not applied: Redis did not answer", e);
      }
      return null;
    }
  }

  /**
   * Takes one of the tenant's slots for an upload that streams now (its own cap of concurrent
   * uploads if the operator set one, else its tier's); give it back with {@link #release} once the
   * upload is answered.
   *
   * @return the slot, or empty when the tenant has as many uploads streaming as it may
   */
  public Optional<UploadSlots.Slot> takeUploadSlot(String tenantId) {
    if (!policies.isEnabled()) {
      return Optional.of(UploadSlots.Slot.UNCOUNTED);
    }
    return takeUploadSlot(profiles.of(tenantId), tenantId);
  }

  /** As {@link #takeUploadSlot(String)}, with the tenant's profile as the request read it. */
  public Optional<UploadSlots.Slot> takeUploadSlot(TenantProfile profile, String tenantId) {
    if (!policies.isEnabled()) {
      return Optional.of(UploadSlots.Slot.UNCOUNTED);
    }
    int cap =
        profile.maxConcurrentUploads() != null
            ? profile.maxConcurrentUploads()
            : policies.concurrentUploads(profile.tier());
    return uploadSlots.take(tenantId, cap);
  }

  /** Gives an upload's slot back. */
  public void release(UploadSlots.Slot slot) {
    uploadSlots.release(slot);
  }

  /** The decision from the script's answer (microseconds turned to whole seconds, rounded up). */
  static RateDecision decide(RatePolicy policy, List<?> answer) {
    boolean allowed = ((Long) answer.get(0)) == 1L;
    long remaining = Math.max(0, (Long) answer.get(1));
    return new RateDecision(
        policy,
        allowed,
        remaining,
        ceilSeconds((Long) answer.get(2)),
        allowed ? 0 : Math.max(1, ceilSeconds((Long) answer.get(3))));
  }

  private List<?> run(String key, RatePolicy policy) {
    List<String> keys = List.of(key);
    List<String> args =
        List.of(Long.toString(policy.emissionIntervalMicros()), Integer.toString(policy.quota()));
    return (List<?>) GCRA.run(redis.pool(), keys, args);
  }

  private static long ceilSeconds(long micros) {
    return (micros + TimeUnit.SECONDS.toMicros(1) - 1) / TimeUnit.SECONDS.toMicros(1);
  }
}
