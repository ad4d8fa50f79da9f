package io.fileparser.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.security.TenantProfile;
import io.fileparser.security.TenantProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limiter's script on a real Redis (component test). */
class RateLimiterTest {

  private static RedisTestDatabase redis;

  @BeforeAll
  static void connect() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void cleanUp() {
    redis.deleteKeysStartingWith(RateLimiter.KEY_PREFIX);
    redis.close();
  }

  /** A limiter as one instance of the application has it, with the given policy for every tier. */
  private static RateLimiter limiter(RedisConnection connection, RatePolicy policy) {
    RateLimiter limiter = new RateLimiter();
    limiter.redis = connection;
    limiter.policies =
        new RatePolicies() {
          @Override
          public RatePolicy of(String tier, EndpointClass endpointClass) {
            return policy;
          }

          @Override
          public boolean isEnabled() {
            return true;
          }
        };
    limiter.profiles =
        new TenantProfiles() {
          @Override
          public TenantProfile of(String tenantId) {
            return TenantProfile.UNREGISTERED;
          }
        };
    return limiter;
  }

  private static String tenant() {
    return "rl-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void allowsTheQuotaAtOnceThenRefusesUntilAShareComesBack() {
    RateLimiter limiter = limiter(redis.connection(), new RatePolicy("read", 3, 60));
    String tenant = tenant();

    List<RateDecision> decisions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      decisions.add(limiter.take(tenant, "user:a", EndpointClass.READ));
    }

    assertEquals(
        List.of(true, true, true, false), decisions.stream().map(d -> d.allowed()).toList());
    assertEquals(List.of(2L, 1L, 0L, 0L), decisions.stream().map(d -> d.remaining()).toList());
    RateDecision refused = decisions.get(3);
    // One request's share comes back every 20 s; the whole quota within 60 s.
    assertTrue(
        refused.retryAfterSeconds() >= 19 && refused.retryAfterSeconds() <= 20, refused::toString);
    assertTrue(refused.resetSeconds() >= 59 && refused.resetSeconds() <= 60, refused::toString);
  }

  @Test
  void aShareComesBackAfterItsInterval() throws InterruptedException {
    RateLimiter limiter = limiter(redis.connection(), new RatePolicy("write", 2, 1));
    String tenant = tenant();
    limiter.take(tenant, "user:a", EndpointClass.WRITE);
    limiter.take(tenant, "user:a", EndpointClass.WRITE);
    assertFalse(limiter.take(tenant, "user:a", EndpointClass.WRITE).allowed());

    Thread.sleep(600); // one share every 500 ms

    assertTrue(limiter.take(tenant, "user:a", EndpointClass.WRITE).allowed());
  }

  @Test
  void principalsAndClassesDoNotShareABucket() {
    RateLimiter limiter = limiter(redis.connection(), new RatePolicy("read", 1, 60));
    String tenant = tenant();
    assertTrue(limiter.take(tenant, "user:a", EndpointClass.READ).allowed());
    assertFalse(limiter.take(tenant, "user:a", EndpointClass.READ).allowed());

    assertTrue(limiter.take(tenant, "user:b", EndpointClass.READ).allowed());
    assertTrue(limiter.take(tenant(), "user:a", EndpointClass.READ).allowed());
  }

  @Test
  void instancesSharingRedisShareTheBucketEvenWhenTheyCallAtOnce() throws Exception {
    RatePolicy policy = new RatePolicy("upload", 50, 60);
    String tenant = tenant();
    try (RedisTestDatabase second = RedisTestDatabase.open()) {
      List<RateLimiter> instances =
          List.of(limiter(redis.connection(), policy), limiter(second.connection(), policy));
      ExecutorService callers = Executors.newFixedThreadPool(8);
      try {
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
          RateLimiter instance = instances.get(i % 2);
          calls.add(() -> instance.take(tenant, "key:k1", EndpointClass.UPLOAD).allowed());
        }
        int allowed = 0;
        for (Future<Boolean> call : callers.invokeAll(calls)) {
          allowed += call.get() ? 1 : 0;
        }
        // 50 at once, and perhaps one more whose share came back while the 80 ran (1.2 s each).
        assertTrue(allowed == 50 || allowed == 51, "allowed " + allowed);
      } finally {
        callers.shutdownNow();
      }
    }
  }

  @Test
  void theScriptIsLoadedAgainWhenRedisForgotIt() {
    RateLimiter limiter = limiter(redis.connection(), new RatePolicy("read", 5, 60));
    redis.connection().pool().scriptFlush();

    RateDecision decision = limiter.take(tenant(), "user:a", EndpointClass.READ);

    assertTrue(decision.allowed());
    assertTrue(redis.connection().pool().scriptExists(RateLimiter.GCRA.sha(), "any"));
  }

  @Test
  void withRedisAwayEveryRequestGoesThrough() {
    try (RedisTestDatabase away = RedisTestDatabase.at("redis://127.0.0.1:1/0")) {
      assertNull(
          limiter(away.connection(), new RatePolicy("read", 1, 60))
              .take(tenant(), "user:a", EndpointClass.READ));
    }
  }
}
