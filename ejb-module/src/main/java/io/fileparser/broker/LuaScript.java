package io.fileparser.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), sent whole ({@code EVAL}, which also loads it)
 * only when Redis does not know it yet: on first use, after a restart or a {@code SCRIPT FLUSH}.
 */
public final class LuaScript {

  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  public static LuaScript of(String source) {
    return new LuaScript(source);
  }

  /** The SHA-1 Redis knows the script by. */
  public String sha() {
    return sha;
  }

  /**
   * @throws redis.clients.jedis.exceptions.JedisException when Redis does not answer or the script
   *     fails
   */
  public Object run(JedisPooled redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args); // loads it for the next time
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
