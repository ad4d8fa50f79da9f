package io.fileparser.broker;

import java.util.List;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A real {@link RedisConnection} to a Redis database number no one else uses (9 unless the system
 * property {@code fileparser.component.redis-db} says otherwise; the server defaults to 0, the
 * system tests use 1, the worker's tests 15), at {@code 127.0.0.1:6379}. Tests name their keys with
 * a prefix of their own and remove only those.
 */
public final class RedisTestDatabase implements AutoCloseable {

  public static final int DATABASE = Integer.getInteger("fileparser.component.redis-db", 9);

  private final RedisConnection connection;

  private RedisTestDatabase(RedisConnection connection) {
    this.connection = connection;
  }

  public static RedisTestDatabase open() {
    return at("redis://127.0.0.1:6379/" + DATABASE);
  }

  /** A connection to another address: one where no Redis listens, to see a piece fail over. */
  public static RedisTestDatabase at(String uri) {
    RedisConnection connection = new RedisConnection();
    connection.uri = uri;
    connection.open();
    return new RedisTestDatabase(connection);
  }

  /** The connection as the application's beans receive it. */
  public RedisConnection connection() {
    return connection;
  }

  /** Removes every key that starts with {@code prefix}; returns how many. */
  public int deleteKeysStartingWith(String prefix) {
    if (prefix.isEmpty() || prefix.contains("*")) {
      throw new IllegalArgumentException("a literal, non-empty prefix, please: " + prefix);
    }
    ScanParams match = new ScanParams().match(prefix + "*").count(500);
    int deleted = 0;
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = connection.pool().scan(cursor, match);
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) {
        deleted += (int) connection.pool().del(keys.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return deleted;
  }

  @Override
  public void close() {
    connection.close();
  }
}
