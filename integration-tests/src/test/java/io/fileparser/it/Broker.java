package io.fileparser.it;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPooled;

/** Direct access to the IT domain's Redis database, to look at what the workers see. */
final class Broker {

  private Broker() {}

  static JedisPooled connect() {
    return new JedisPooled(URI.create(TestEnvironment.redisUri()));
  }

  /**
   * Restarts the Redis server (it keeps nothing on disk here, so everything in it is lost), the way
   * an operator's restart or a crash would.
   */
  static void restart() {
    try {
      new ProcessBuilder("redis-cli", "-p", "6379", "shutdown", "nosave")
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      Process start =
          new ProcessBuilder(
                  "redis-server",
                  "--daemonize",
                  "yes",
                  "--bind",
                  "127.0.0.1",
                  "--port",
                  "6379",
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .inheritIO()
              .start();
      start.waitFor(10, TimeUnit.SECONDS);
      for (int i = 0; i < 50; i++) {
        try (JedisPooled redis = connect()) {
          if ("PONG".equals(redis.ping())) {
            return;
          }
        } catch (RuntimeException e) {
          Jobs.sleep(100);
        }
      }
      throw new IllegalStateException("Redis did not come back");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
