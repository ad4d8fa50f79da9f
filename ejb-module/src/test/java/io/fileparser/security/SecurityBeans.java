package io.fileparser.security;

import io.fileparser.audit.AuditBeans;
import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.dispatch.CollectedEvents;
import jakarta.persistence.EntityManager;

/** The security capability's beans wired by hand for component tests. */
public final class SecurityBeans {

  private SecurityBeans() {}

  private static final RedisTestDatabase REDIS = RedisTestDatabase.open();

  /** This test run's one instance's memory of API keys, over the component tests' Redis. */
  private static final KnownApiKeys KNOWN = knownApiKeys();

  public static ApiKeyService apiKeys(EntityManager em) {
    return apiKeys(em, KNOWN);
  }

  /** The service of an instance with its own memory of keys (another instance's, to a test). */
  public static ApiKeyService apiKeys(EntityManager em, KnownApiKeys known) {
    ApiKeyService apiKeys = new ApiKeyService();
    apiKeys.em = em;
    apiKeys.tenants = tenants(em);
    apiKeys.audit = AuditBeans.log(em);
    apiKeys.known = known;
    apiKeys.uses = uses(em);
    apiKeys.changes = new CollectedEvents<>(known::changed);
    return apiKeys;
  }

  /** A new memory of API keys, as another instance has. */
  public static KnownApiKeys knownApiKeys() {
    return KnownApiKeys.unregistered(REDIS.connection());
  }

  public static ApiKeyUses uses(EntityManager em) {
    ApiKeyUses uses = new ApiKeyUses();
    uses.em = em;
    return uses;
  }

  public static TenantRegistry tenants(EntityManager em) {
    TenantRegistry tenants = new TenantRegistry();
    tenants.em = em;
    tenants.known = new KnownTenants();
    return tenants;
  }
}
