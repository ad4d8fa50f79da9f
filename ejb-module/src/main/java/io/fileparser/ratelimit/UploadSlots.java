package io.fileparser.ratelimit;

import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How many uploads of a tenant stream at once, across every instance: a Redis sorted set per tenant
 * of the uploads in progress, each with the time its lease ends. An upload takes a slot before its
 * body is read and gives it back when it is answered; a slot whose holder never gave it back (an
 * instance that died mid-upload) is free again when its lease ends ({@link #LEASE}), so a lost
 * release costs a slot for that long, never for good. An upload still streaming past its lease no
 * longer counts against the cap.
 *
 * <p>Like the rate limits, the cap lets uploads through when Redis does not answer.
 */
@ApplicationScoped
public class UploadSlots {

  static final String KEY_PREFIX = "fileparser:uploads:streaming:";

  static final Duration LEASE = Duration.ofMinutes(15);

  /**
   * KEYS[1] the tenant's set; ARGV[1] the slot, ARGV[2] the cap, ARGV[3] the lease (ms). Answers 1
   * with the slot taken, or 0.
   */
  static final String TAKE =
      """
      local clock = redis.call('TIME')
      local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
        return 0
      end
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
      redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
      return 1
      """;

  private static final Logger LOG = Logger.getLogger(UploadSlots.class.getName());

  @Inject RedisConnection redis;

  /** A slot held by one upload; give it back with {@link #release}. */
  public record Slot(String tenantId, String id) {

    /** A slot that was not counted (limits off, or Redis away): releasing it does nothing. */
    static final Slot UNCOUNTED = new Slot(null, null);
  }

  /**
   * Takes one of the tenant's {@code cap} slots.
   *
   * @return the slot, or empty when all are taken; a slot that is not counted when Redis could not
   *     be asked
   */
  public Optional<Slot> take(String tenantId, int cap) {
    return take(tenantId, cap, LEASE);
  }

  Optional<Slot> take(String tenantId, int cap, Duration lease) {
    Slot slot = new Slot(tenantId, UUID.randomUUID().toString());
    try {
      Object taken =
          redis
              .pool()
              .eval(
                  TAKE,
                  List.of(KEY_PREFIX + tenantId),
                  List.of(slot.id(), Integer.toString(cap), Long.toString(lease.toMillis())));
      return Long.valueOf(1).equals(taken) ? Optional.of(slot) : Optional.empty();
    } catch (JedisException e) {
      LOG.log(Level.FINE, "upload slots not counted: Redis did not answer", e);
      return Optional.of(Slot.UNCOUNTED);
    }
  }

  /** Gives a slot back; harmless if its lease ended already. */
  public void release(Slot slot) {
    if (slot.id() == null) {
      return;
    }
    try {
      redis.pool().zrem(KEY_PREFIX + slot.tenantId(), slot.id());
    } catch (JedisException e) {
      LOG.log(Level.FINE, "an upload slot is freed when its lease ends", e);
    }
  }
}
