package io.fileparser.security;

import io.fileparser.broker.LuaScript;
import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts authentication failures in Redis, per window of time shared by every instance, and hands
 * each window over once it has closed, to exactly one taker.
 *
 * <p>A window is one Redis hash ({@code <prefix>window:<startMs>:<lengthMs>}) whose fields count
 * failures by claimed tenant, reason, source address and key prefix ({@code
 * c|tenant|reason|source|prefix}) and note each claimed tenant's first and last failure ({@code
 * f|tenant}, {@code l|tenant}, milliseconds). A sorted set ({@code <prefix>windows}) lists the
 * windows by their end. Both scripts read the time from Redis ({@code TIME}), not from the
 * instance: every instance puts a failure into the same window, and since Redis runs one script at
 * a time, no failure is counted into a window after it was taken. The keys of a window are named
 * inside the script from that clock, so the application needs a single Redis (not a cluster), as
 * the Celery broker does anyway.
 *
 * <p>Bounded whatever a flood brings: a request costs one script call and no database write; a
 * window holds at most {@code fileparser.security.auth-failures.max-fields} fields, beyond which
 * failures are still counted by reason (in the platform's share, without source or claims); a
 * window not taken within a day expires.
 *
 * <p>Taking a window ({@link #takeClosed}) reads and removes it in one script, so of several
 * instances taking at once exactly one gets it; one that then cannot write it to the audit log puts
 * it back ({@link #putBack}) for the next round.
 */
@ApplicationScoped
public class AuthFailureCounter {

  static final String DEFAULT_PREFIX = "fileparser:auth-failures:";

  /** How long an untaken window is kept after it closes. */
  static final Duration KEEP = Duration.ofDays(1);

  /**
   * KEYS[1] the set of windows; ARGV: key prefix, window length (ms), claimed tenant ('' for none),
   * reason, source, key prefix ('' for none), most fields, how long to keep (ms).
   */
  static final LuaScript COUNT =
      LuaScript.of(
          """
      local clock = redis.call('TIME')
      local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
      local length = tonumber(ARGV[2])
      local start = now - (now % length)
      local member = string.format('%d:%d', start, length)
      local key = ARGV[1] .. 'window:' .. member
      local tenant = ARGV[3]
      local field = 'c|' .. tenant .. '|' .. ARGV[4] .. '|' .. ARGV[5] .. '|' .. ARGV[6]
      if redis.call('HEXISTS', key, field) == 0
          and redis.call('HLEN', key) >= tonumber(ARGV[7]) then
        tenant = ''
        field = 'c||' .. ARGV[4] .. '||'
      end
      redis.call('HINCRBY', key, field, 1)
      local at = string.format('%d', now)
      redis.call('HSETNX', key, 'f|' .. tenant, at)
      redis.call('HSET', key, 'l|' .. tenant, at)
      redis.call('PEXPIRE', key, length + tonumber(ARGV[8]))
      redis.call('ZADD', KEYS[1], start + length, member)
      return 1
      """);

  /**
   * KEYS[1] the set of windows; ARGV[1] the key prefix. Takes the oldest closed window: answers
   * {member, {field, value, ...}}, or nil when none has closed.
   */
  static final LuaScript TAKE =
      LuaScript.of(
          """
      local clock = redis.call('TIME')
      local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now),
                             'LIMIT', 0, 1)
      if #due == 0 then
        return false
      end
      local member = due[1]
      local key = ARGV[1] .. 'window:' .. member
      local fields = redis.call('HGETALL', key)
      redis.call('DEL', key)
      redis.call('ZREM', KEYS[1], member)
      return {member, fields}
      """);

  /**
   * KEYS[1] the set of windows; ARGV: key prefix, member, end (ms), how long to keep (ms), then
   * field and value pairs. Adds the counts back (and keeps the earliest first, the latest last).
   */
  static final LuaScript PUT_BACK =
      LuaScript.of(
          """
      local key = ARGV[1] .. 'window:' .. ARGV[2]
      for i = 5, #ARGV, 2 do
        local field = ARGV[i]
        local value = ARGV[i + 1]
        local kind = string.sub(field, 1, 2)
        if kind == 'c|' then
          redis.call('HINCRBY', key, field, value)
        else
          local old = redis.call('HGET', key, field)
          if not old or (kind == 'f|' and tonumber(value) < tonumber(old))
              or (kind == 'l|' and tonumber(value) > tonumber(old)) then
            redis.call('HSET', key, field, value)
          end
        end
      end
      redis.call('PEXPIRE', key, tonumber(ARGV[4]))
      redis.call('ZADD', KEYS[1], tonumber(ARGV[3]), ARGV[2])
      return 1
      """);

  @Inject RedisConnection redis;

  @Inject
  @ConfigProperty(name = "fileparser.security.auth-failures.window-s", defaultValue = "60")
  int windowSeconds;

  /** Distinct fields one window may hold; past it, failures are counted by reason only. */
  @Inject
  @ConfigProperty(name = "fileparser.security.auth-failures.max-fields", defaultValue = "2000")
  int maxFields;

  /** Component tests name their keys apart. */
  String prefix = DEFAULT_PREFIX;

  /** The length of a window. */
  public Duration window() {
    return Duration.ofSeconds(Math.max(1, windowSeconds));
  }

  /**
   * Counts one failure into the window Redis's clock is in.
   *
   * @throws redis.clients.jedis.exceptions.JedisException when Redis does not answer
   */
  public void count(AuthFailure failure) {
    run(
        COUNT,
        List.of(
            prefix,
            Long.toString(window().toMillis()),
            failure.claimedTenant() == null ? "" : failure.claimedTenant(),
            failure.reason().wireName(),
            failure.source(),
            failure.keyPrefix() == null ? "" : failure.keyPrefix(),
            Integer.toString(Math.max(16, maxFields)),
            Long.toString(KEEP.toMillis())));
  }

  /**
   * Takes the oldest window that has closed, removing it from Redis: of several takers at once, one
   * gets it.
   *
   * @throws redis.clients.jedis.exceptions.JedisException when Redis does not answer
   */
  public Optional<FailureWindow> takeClosed() {
    Object answer = run(TAKE, List.of(prefix));
    if (!(answer instanceof List<?> parts) || parts.size() != 2) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    for (Object field : (List<?>) parts.get(1)) {
      fields.add(text(field));
    }
    return Optional.of(FailureWindow.of(text(parts.get(0)), fields));
  }

  /**
   * Puts a taken window back, to be taken again by the next round (on any instance).
   *
   * @throws redis.clients.jedis.exceptions.JedisException when Redis does not answer
   */
  public void putBack(FailureWindow window) {
    List<String> args = new ArrayList<>();
    args.add(prefix);
    args.add(window.member());
    args.add(Long.toString(window.end().toEpochMilli()));
    args.add(Long.toString(window.length().toMillis() + KEEP.toMillis()));
    args.addAll(window.fields());
    run(PUT_BACK, args);
  }

  private Object run(LuaScript script, List<String> args) {
    return script.run(redis.pool(), List.of(prefix + "windows"), args);
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : String.valueOf(value);
  }
}
