package io.fileparser.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.security.entity.ScanPolicy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Remembered tenant profiles on a real Redis, as two instances of the application hold them. */
class TenantProfilesTest {

  private static RedisTestDatabase redis;

  /** The tenants table, as every instance reads it. */
  private final Map<String, TenantProfile> rows = new ConcurrentHashMap<>();

  private final AtomicInteger reads = new AtomicInteger();

  @BeforeAll
  static void connect() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void cleanUp() {
    redis.deleteKeysStartingWith(TenantProfiles.VERSION_PREFIX);
    redis.close();
  }

  private TenantProfiles instance(RedisConnection connection) {
    TenantProfiles profiles = new TenantProfiles();
    profiles.redis = connection;
    profiles.stored =
        new StoredTenantProfiles() {
          @Override
          public TenantProfile load(String tenantId) {
            reads.incrementAndGet();
            return rows.getOrDefault(tenantId, TenantProfile.UNREGISTERED);
          }
        };
    return profiles;
  }

  private static TenantProfile onTier(String tier, boolean enabled) {
    return new TenantProfile(tier, enabled, ScanPolicy.REJECT, false, null);
  }

  @Test
  void aChangeMadeOnOneInstanceIsReadByAnotherOnItsVeryNextRead() {
    String tenant = "tp-" + UUID.randomUUID();
    TenantProfiles changing = instance(redis.connection());
    TenantProfiles other = instance(redis.connection());
    rows.put(tenant, onTier("free", true));
    assertEquals("free", other.of(tenant).tier());
    assertEquals("free", other.of(tenant).tier());
    assertEquals(1, reads.get(), "the second read is remembered");

    rows.put(tenant, onTier("standard", false));
    changing.changed(new TenantChanged(tenant));

    assertEquals(onTier("standard", false), other.of(tenant));
    assertEquals(2, reads.get());
  }

  @Test
  void withoutAChangeAnnouncedTheRememberedProfileIsKept() {
    String tenant = "tp-" + UUID.randomUUID();
    TenantProfiles profiles = instance(redis.connection());
    rows.put(tenant, onTier("free", true));
    profiles.of(tenant);

    rows.put(tenant, onTier("premium", true));

    assertEquals("free", profiles.of(tenant).tier(), "this test can fail: nothing was announced");
  }

  @Test
  void withoutRedisEveryReadGoesToTheDatabase() {
    String tenant = "tp-" + UUID.randomUUID();
    try (RedisTestDatabase away = RedisTestDatabase.at("redis://127.0.0.1:1/0")) {
      TenantProfiles profiles = instance(away.connection());
      rows.put(tenant, onTier("free", true));
      assertEquals("free", profiles.of(tenant).tier());

      rows.put(tenant, onTier("enterprise", true));
      profiles.changed(new TenantChanged(tenant)); // the version cannot be raised: logged

      assertEquals("enterprise", profiles.of(tenant).tier());
      assertEquals(2, reads.get());
    }
  }
}
