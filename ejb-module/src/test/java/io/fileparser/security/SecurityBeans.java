package io.fileparser.security;

import jakarta.persistence.EntityManager;

/** The security capability's beans wired by hand for component tests. */
public final class SecurityBeans {

  private SecurityBeans() {}

  public static TenantRegistry tenants(EntityManager em) {
    TenantRegistry tenants = new TenantRegistry();
    tenants.em = em;
    return tenants;
  }
}
