package io.fileparser.audit;

import jakarta.persistence.EntityManager;

/** The audit log wired by hand for component tests. */
public final class AuditBeans {

  private AuditBeans() {}

  public static AuditLog log(EntityManager em) {
    AuditLog log = new AuditLog();
    log.em = em;
    return log;
  }
}
