package io.fileparser.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The application's one pooled Redis client, plus dedicated connections for subscriptions (a
 * subscribed connection can do nothing else). Every Redis client of the application comes from
 * here, so each one authenticates and uses TLS as {@link RedisSettings} say. The database number
 * matters beyond keys: Celery prefixes its fan-out channels with it ({@code /<db>.celery.pidbox}).
 *
 * <p>The password comes from {@code fileparser.redis.password}, which the server should serve from
 * its secret store (on Payara a password alias of that name), never from a JVM option.
 */
@ApplicationScoped
public class RedisConnection {

  private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());

  @Inject
  @ConfigProperty(name = "fileparser.redis.uri", defaultValue = "redis://127.0.0.1:6379/0")
  String uri;

  @Inject
  @ConfigProperty(name = "fileparser.redis.username")
  Optional<String> username = Optional.empty();

  @Inject
  @ConfigProperty(name = "fileparser.redis.password")
  Optional<String> password = Optional.empty();

  @Inject
  @ConfigProperty(name = "fileparser.redis.tls.ca-file")
  Optional<String> caFile = Optional.empty();

  private JedisPooled pool;
  private HostAndPort address;
  private RedisSettings settings;
  private SSLSocketFactory sslSocketFactory;

  @PostConstruct
  void open() {
    settings =
        RedisSettings.of(uri, username.orElse(null), password.orElse(null), caFile.orElse(null));
    address = new HostAndPort(settings.host(), settings.port());
    sslSocketFactory = settings.tls() ? RedisTls.socketFactory(settings.caFile()) : null;
    ConnectionPoolConfig poolConfig = new ConnectionPoolConfig();
    poolConfig.setMaxTotal(32);
    poolConfig.setMaxIdle(8);
    poolConfig.setMaxWait(Duration.ofSeconds(2));
    poolConfig.setTestWhileIdle(true);
    pool = new JedisPooled(poolConfig, address, clientConfig("file-parser", 5000));
    LOG.info(
        () ->
            "Redis at "
                + settings.describe()
                + (settings.authenticates() ? " with a password" : " without a password")
                + (settings.tls()
                    ? ", TLS trusting "
                        + (settings.caFile() == null ? "the JVM's trust store" : settings.caFile())
                    : ""));
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
    Jedis jedis = new Jedis(address, clientConfig("file-parser-subscriber", 0));
    jedis.connect();
    return jedis;
  }

  /**
   * A new connection, authenticated like every other, for a health probe: it proves what a new
   * connection needs now (Redis reachable, TLS accepted, the credentials still valid), which a
   * pooled connection opened earlier does not, and a pooled connection that Redis dropped cannot
   * make the probe report Redis down. The caller closes it.
   */
  public Jedis probe() {
    Jedis jedis = new Jedis(address, clientConfig("file-parser-probe", 2000));
    jedis.connect();
    return jedis;
  }

  /** The Redis database number, which Celery writes into its fan-out channel names. */
  public int database() {
    return settings.database();
  }

  /** Where Redis is, for the operator's eyes: no password. */
  public String describe() {
    return settings.describe();
  }

  private JedisClientConfig clientConfig(String clientName, int socketTimeoutMillis) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .database(settings.database())
            .connectionTimeoutMillis(2000)
            .socketTimeoutMillis(socketTimeoutMillis)
            .clientName(clientName)
            .user(settings.user())
            .password(settings.password());
    if (settings.tls()) {
      config
          .ssl(true)
          .sslSocketFactory(sslSocketFactory)
          .sslParameters(RedisTls.hostnameVerified());
    }
    return config.build();
  }
}
