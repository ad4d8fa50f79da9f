package io.fileparser.security;

import io.fileparser.audit.AuditBeans;
import jakarta.persistence.EntityManager;

/** The security capability's beans wired by hand for component tests. */
public final class SecurityBeans {

  private SecurityBeans() {}

  public static ApiKeyService apiKeys(EntityManager em) {
    ApiKeyService apiKeys = new ApiKeyService();
    apiKeys.em = em;
    apiKeys.tenants = tenants(em);
    apiKeys.audit = AuditBeans.log(em);
    return apiKeys;
  }

  public static TenantRegistry tenants(EntityManager em) {
    TenantRegistry tenants = new TenantRegistry();
    tenants.em = em;
    return tenants;
  }
}
