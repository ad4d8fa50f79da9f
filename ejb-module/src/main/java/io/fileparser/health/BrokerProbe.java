package io.fileparser.health;

import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import redis.clients.jedis.Jedis;

/** Asks Redis whether it answers a new connection. */
@ApplicationScoped
public class BrokerProbe {

  @Inject RedisConnection redis;

  /**
   * Opens a connection as the application does (TLS, user, password), sends PING and closes it.
   *
   * @throws RuntimeException when the connection is refused or Redis does not answer PONG
   */
  public void ping() {
    try (Jedis probe = redis.probe()) {
      String answer = probe.ping();
      if (!"PONG".equalsIgnoreCase(answer)) {
        throw new IllegalStateException("Redis answered PING with " + answer);
      }
    }
  }

  /** Where Redis is, with its user and whether TLS is used; never the password. */
  public String address() {
    return redis.describe();
  }
}
