package io.fileparser.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.broker.RedisTestDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tenant's slots of uploads streaming at once, on a real Redis (component test). */
class UploadSlotsTest {

  private static RedisTestDatabase redis;

  @BeforeAll
  static void connect() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void cleanUp() {
    redis.deleteKeysStartingWith(UploadSlots.KEY_PREFIX);
    redis.close();
  }

  private static UploadSlots slots() {
    UploadSlots slots = new UploadSlots();
    slots.redis = redis.connection();
    return slots;
  }

  private static String tenant() {
    return "us-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aTenantStreamsAsManyUploadsAsItsCapAndOneMoreWhenOneEnds() {
    UploadSlots slots = slots();
    String tenant = tenant();
    Optional<UploadSlots.Slot> first = slots.take(tenant, 2);
    Optional<UploadSlots.Slot> second = slots.take(tenant, 2);

    assertTrue(first.isPresent() && second.isPresent());
    assertTrue(slots.take(tenant, 2).isEmpty());
    assertTrue(slots.take(tenant(), 2).isPresent(), "another tenant has slots of its own");

    slots.release(first.get());
    assertTrue(slots.take(tenant, 2).isPresent());
  }

  @Test
  void aSlotNeverGivenBackIsFreeWhenItsLeaseEnds() throws InterruptedException {
    UploadSlots slots = slots();
    String tenant = tenant();
    assertTrue(slots.take(tenant, 1, Duration.ofMillis(300)).isPresent());
    assertTrue(slots.take(tenant, 1, Duration.ofMillis(300)).isEmpty());

    Thread.sleep(400);

    assertTrue(slots.take(tenant, 1, Duration.ofMillis(300)).isPresent());
  }

  @Test
  void withRedisAwayUploadsGoThroughUncounted() {
    try (RedisTestDatabase away = RedisTestDatabase.at("redis://127.0.0.1:1/0")) {
      UploadSlots slots = new UploadSlots();
      slots.redis = away.connection();
      Optional<UploadSlots.Slot> slot = slots.take(tenant(), 1);
      assertTrue(slot.isPresent());
      slots.release(slot.get()); // does nothing, and does not throw
    }
  }
}
