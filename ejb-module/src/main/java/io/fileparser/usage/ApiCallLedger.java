package io.fileparser.usage;

import io.fileparser.broker.RedisConnection;
import io.fileparser.ratelimit.EndpointClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.exceptions.JedisException;

/**
 * API calls counted in Redis: one {@code INCR} per call on a key per tenant, UTC day and endpoint
 * class, atomic and shared by every instance (a row update per call would cost PostgreSQL more than
 * the call). {@link ApiCallFold} moves the counts into {@code usage_counters} in rounds:
 *
 * <ol>
 *   <li>One script takes the next fold sequence number and moves every live count into the pending
 *       hash under that number ({@code GETDEL} then {@code HSET}, atomically: a call counted
 *       meanwhile starts a new live key, none is lost).
 *   <li>The pending counts are applied in one PostgreSQL transaction, each at most once ({@code
 *       usage_folds} remembers what was applied), then removed from the hash. A round cut short
 *       leaves them pending for the next one.
 * </ol>
 *
 * <p>A reading ({@link #snapshot}) takes the sequence number, the live counts and the pending ones
 * in one script, so it sees each call exactly once; {@link UsageTally} puts it together with what
 * PostgreSQL holds. When Redis cannot be reached a call goes uncounted (logged once a minute):
 * counting must never fail the call.
 */
@ApplicationScoped
public class ApiCallLedger {

  static final String PREFIX = "fileparser:usage:calls:";
  static final String PENDING = "fileparser:usage:folding";
  static final String SEQ = "fileparser:usage:fold-seq";

  /** KEYS[1] the sequence, KEYS[2] the pending hash; ARGV[1] the live keys' pattern. */
  static final String MOVE =
      """
      local seq = redis.call('INCR', KEYS[1])
      local cursor = '0'
      local moved = 0
      repeat
        local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
        cursor = page[1]
        for _, key in ipairs(page[2]) do
          local value = redis.call('GETDEL', key)
          if value then
            redis.call('HINCRBY', KEYS[2], seq .. '|' .. string.sub(key, tonumber(ARGV[2]) + 1), value)
            moved = moved + 1
          end
        end
      until cursor == '0'
      return {seq, moved}
      """;

  /** KEYS[1] the sequence, KEYS[2] the pending hash; ARGV[1] the live keys' pattern. */
  static final String READ =
      """
      local seq = redis.call('GET', KEYS[1]) or '0'
      local live = {}
      local cursor = '0'
      repeat
        local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
        cursor = page[1]
        for _, key in ipairs(page[2]) do
          local value = redis.call('GET', key)
          if value then
            table.insert(live, key)
            table.insert(live, value)
          end
        end
      until cursor == '0'
      return {seq, live, redis.call('HGETALL', KEYS[2])}
      """;

  private static final Logger LOG = Logger.getLogger(ApiCallLedger.class.getName());

  /** What Redis held at one moment: the last fold round, live counts and pending counts. */
  public record Snapshot(long seq, List<ApiCallCount> live, List<ApiCallCount> pending) {

    public static final Snapshot EMPTY = new Snapshot(0, List.of(), List.of());
  }

  @Inject RedisConnection redis;

  private volatile Instant lastOutageLogged = Instant.EPOCH;

  /**
   * Counts one call of the tenant's. Never throws: a Redis outage loses the count, not the call.
   */
  public void count(String tenantId, EndpointClass endpointClass, Instant at) {
    try {
      redis
          .pool()
          .incr(PREFIX + ApiCallCount.suffix(tenantId, UsageCounters.day(at), endpointClass));
    } catch (JedisException e) {
      Instant now = Instant.now();
      if (now.isAfter(lastOutageLogged.plus(Duration.ofMinutes(1)))) {
        lastOutageLogged = now;
        LOG.log(Level.WARNING, "API calls not counted: Redis did not answer", e);
      }
    }
  }

  /**
   * The live and pending counts of one tenant (or every tenant, null) at one moment.
   *
   * @throws JedisException when Redis cannot be read
   */
  public Snapshot snapshot(String tenantId) {
    String pattern = PREFIX + (tenantId == null ? "*" : tenantId + ":*");
    List<?> answer = (List<?>) redis.pool().eval(READ, List.of(SEQ, PENDING), List.of(pattern));
    long seq = Long.parseLong(text(answer.get(0)));
    List<ApiCallCount> live = new ArrayList<>();
    List<?> pairs = (List<?>) answer.get(1);
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      String key = text(pairs.get(i));
      ApiCallCount.live(key.substring(PREFIX.length()), text(pairs.get(i + 1)))
          .ifPresent(live::add);
    }
    List<ApiCallCount> pending = pending((List<?>) answer.get(2));
    if (tenantId != null) {
      pending = pending.stream().filter(c -> c.tenantId().equals(tenantId)).toList();
    }
    return new Snapshot(seq, live, pending);
  }

  /** Moves every live count into the pending hash under a new fold round; returns the round. */
  long moveLive() {
    List<?> answer =
        (List<?>)
            redis
                .pool()
                .eval(
                    MOVE,
                    List.of(SEQ, PENDING),
                    List.of(PREFIX + "*", Integer.toString(PREFIX.length())));
    return ((Number) answer.get(0)).longValue();
  }

  /** Every count moved and not yet applied (or applied and not yet removed). */
  List<ApiCallCount> pending() {
    List<ApiCallCount> counts = new ArrayList<>();
    redis
        .pool()
        .hgetAll(PENDING)
        .forEach((field, value) -> ApiCallCount.pending(field, value).ifPresent(counts::add));
    return counts;
  }

  /** Removes applied counts from the pending hash. */
  void forget(Collection<ApiCallCount> applied) {
    if (!applied.isEmpty()) {
      redis.pool().hdel(PENDING, applied.stream().map(ApiCallCount::field).toArray(String[]::new));
    }
  }

  private static List<ApiCallCount> pending(List<?> flat) {
    List<ApiCallCount> counts = new ArrayList<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      ApiCallCount.pending(text(flat.get(i)), text(flat.get(i + 1))).ifPresent(counts::add);
    }
    return counts;
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    return String.valueOf(value);
  }
}
