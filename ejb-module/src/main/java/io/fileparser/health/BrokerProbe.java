package io.fileparser.health;

import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Asks Redis whether it answers. */
@ApplicationScoped
public class BrokerProbe {

  @Inject RedisConnection redis;

  /**
   * @throws RuntimeException when Redis does not answer PING with PONG
   */
  public void ping() {
    String answer = redis.pool().ping();
    if (!"PONG".equalsIgnoreCase(answer)) {
      throw new IllegalStateException("Redis answered PING with " + answer);
    }
  }

  /** Where Redis is, with its user and whether TLS is used; never the password. */
  public String address() {
    return redis.describe();
  }
}
