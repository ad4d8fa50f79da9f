package io.fileparser.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The application's one pooled Redis client, plus dedicated connections for subscriptions (a
 * subscribed connection can do nothing else). The database number matters beyond keys: Celery
 * prefixes its fan-out channels with it ({@code /<db>.celery.pidbox}).
 */
@ApplicationScoped
public class RedisConnection {

  @Inject
  @ConfigProperty(name = "fileparser.redis.uri", defaultValue = "redis://127.0.0.1:6379/0")
  String uri;

  private JedisPooled pool;
  private HostAndPort address;
  private JedisClientConfig clientConfig;
  private int database;

  @PostConstruct
  void open() {
    URI parsed = URI.create(uri);
    address = new HostAndPort(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort());
    String path = parsed.getPath();
    database = path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .database(database)
            .connectionTimeoutMillis(2000)
            .socketTimeoutMillis(5000)
            .clientName("file-parser");
    String userInfo = parsed.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        if (colon > 0) {
          config.user(userInfo.substring(0, colon));
        }
        config.password(userInfo.substring(colon + 1));
      } else {
        config.password(userInfo);
      }
    }
    clientConfig = config.build();
    ConnectionPoolConfig poolConfig = new ConnectionPoolConfig();
    poolConfig.setMaxTotal(32);
    poolConfig.setMaxIdle(8);
    poolConfig.setMaxWait(Duration.ofSeconds(2));
    poolConfig.setTestWhileIdle(true);
    pool = new JedisPooled(poolConfig, address, clientConfig);
  }

  @PreDestroy
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** For ordinary commands; thread-safe. */
  public JedisPooled pool() {
    return pool;
  }

  /**
   * A new connection for a subscription loop, with no read timeout (a subscriber waits for
   * messages). The caller closes it.
   */
  public Jedis subscriber() {
    Jedis jedis =
        new Jedis(
            address,
            DefaultJedisClientConfig.builder()
                .database(database)
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(0)
                .user(clientConfig.getUser())
                .password(clientConfig.getPassword())
                .clientName("file-parser-subscriber")
                .build());
    jedis.connect();
    return jedis;
  }

  /** The Redis database number, which Celery writes into its fan-out channel names. */
  public int database() {
    return database;
  }
}
