package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failure windows' scripts on a real Redis, as several instances of the application run them.
 */
class AuthFailureCounterTest {

  private static final String PREFIX = "test:auth-failures:" + UUID.randomUUID() + ":";

  private static RedisTestDatabase redis;

  @BeforeAll
  static void connect() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void cleanUp() {
    redis.deleteKeysStartingWith(PREFIX);
    redis.close();
  }

  /** One instance's counter, with windows of {@code seconds} under keys of this test's own. */
  private static AuthFailureCounter counter(
      RedisConnection connection, String name, int seconds, int maxFields) {
    AuthFailureCounter counter = new AuthFailureCounter();
    counter.redis = connection;
    counter.windowSeconds = seconds;
    counter.maxFields = maxFields;
    counter.prefix = PREFIX + name + ":";
    return counter;
  }

  @Test
  void aWindowIsTakenOnlyOnceItHasClosedAndThenOnlyOnce() throws Exception {
    AuthFailureCounter counter = counter(redis.connection(), "closing", 1, 2000);
    String prefix = "AbCdEfGh2345";
    for (int i = 0; i < 5; i++) {
      counter.count(
          new AuthFailure(AuthFailureReason.API_KEY_WRONG_SECRET, "10.0.0.1", "acme", prefix));
    }
    counter.count(AuthFailure.of(AuthFailureReason.CREDENTIALS_MISSING, "10.0.0.2"));
    Thread.sleep(1100);

    FailureWindow window = counter.takeClosed().orElseThrow();

    assertEquals(Optional.empty(), counter.takeClosed(), "taken once");
    List<FailureSummary> summaries = window.summaries(Set.of("acme"));
    assertEquals(2, summaries.size(), summaries::toString);
    assertEquals(Map.of("api_key_wrong_secret", 5L), summaries.get(0).byReason());
    assertEquals(Map.of(prefix, 5L), summaries.get(0).byKeyPrefix());
    assertEquals(Map.of("credentials_missing", 1L), summaries.get(1).byReason());
    assertTrue(!summaries.get(0).first().isAfter(summaries.get(0).last()));
    assertTrue(!summaries.get(0).first().isBefore(window.start()));
    assertTrue(summaries.get(0).last().isBefore(window.end()));
  }

  @Test
  void anOpenWindowIsNotTaken() {
    AuthFailureCounter counter = counter(redis.connection(), "open", 3600, 2000);
    counter.count(AuthFailure.of(AuthFailureReason.TOKEN_MALFORMED, "10.0.0.1"));

    assertEquals(Optional.empty(), counter.takeClosed());
  }

  @Test
  void ofSeveralInstancesTakingAtOnceExactlyOneGetsTheWindow() throws Exception {
    List<AuthFailureCounter> instances = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      instances.add(counter(redis.connection(), "racing", 1, 2000));
    }
    for (int i = 0; i < 40; i++) {
      instances.get(i % 4).count(AuthFailure.of(AuthFailureReason.TOKEN_EXPIRED, "10.0.0.9"));
    }
    Thread.sleep(2100);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Long>> takers = new ArrayList<>();
      for (AuthFailureCounter instance : instances) {
        takers.add(
            () -> {
              long taken = 0;
              Optional<FailureWindow> window;
              while ((window = instance.takeClosed()).isPresent()) {
                taken += window.get().summaries(Set.of()).get(0).total();
              }
              return taken;
            });
      }
      long total = 0;
      for (Future<Long> taken : pool.invokeAll(takers)) {
        total += taken.get();
      }
      assertEquals(40, total, "every failure recorded once, none twice");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWindowPutBackIsTakenAgainWithTheSameCounts() throws Exception {
    AuthFailureCounter counter = counter(redis.connection(), "put-back", 1, 2000);
    for (int i = 0; i < 3; i++) {
      counter.count(
          new AuthFailure(AuthFailureReason.TOKEN_BAD_SIGNATURE, "10.0.0.3", "acme", null));
    }
    Thread.sleep(1100);
    FailureWindow taken = counter.takeClosed().orElseThrow();

    counter.putBack(taken);
    FailureWindow again = counter.takeClosed().orElseThrow();

    assertEquals(taken.member(), again.member());
    assertEquals(taken.summaries(Set.of("acme")), again.summaries(Set.of("acme")));
  }

  @Test
  void aFloodFromManySourcesIsCountedInFullWithinABoundedWindow() throws Exception {
    AuthFailureCounter counter = counter(redis.connection(), "flood", 1, 16);
    for (int i = 0; i < 200; i++) {
      counter.count(
          new AuthFailure(AuthFailureReason.API_KEY_UNKNOWN, "10.1.0." + i, "t-" + i, null));
    }
    Thread.sleep(1100);

    List<FailureWindow> windows = new ArrayList<>();
    Optional<FailureWindow> window;
    while ((window = counter.takeClosed()).isPresent()) {
      windows.add(window.get());
    }

    long total = 0;
    for (FailureWindow w : windows) {
      assertTrue(w.fields().size() / 2 <= 16 + 6, () -> w.fields().size() / 2 + " fields");
      for (FailureSummary summary : w.summaries(Set.of())) {
        total += summary.byReason().get("api_key_unknown");
      }
    }
    assertEquals(200, total);
  }

  @Test
  void aFailureIsNotCountedButTheRequestGoesOnWhenRedisDoesNotAnswer() {
    try (RedisTestDatabase nowhere = RedisTestDatabase.at("redis://127.0.0.1:1/0")) {
      AuthenticationFailures failures = new AuthenticationFailures();
      failures.counter = counter(nowhere.connection(), "nowhere", 60, 2000);
      failures.readKey();

      assertDoesNotThrow(() -> failures.refused(AuthFailureReason.CREDENTIALS_MISSING, "10.0.0.1"));
      assertDoesNotThrow(() -> failures.refusedToken("not-a-jwt", "10.0.0.1"));
    }
  }
}
