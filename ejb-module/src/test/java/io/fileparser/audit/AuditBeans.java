package io.fileparser.audit;

import jakarta.persistence.EntityManager;

/** The audit log and trail wired by hand for component tests. */
public final class AuditBeans {

  private AuditBeans() {}

  /** Links each record into the chain at once (there is no JTA transaction to wait for). */
  public static AuditLog log(EntityManager em) {
    AuditLog log = new AuditLog();
    log.em = em;
    return log;
  }

  public static AuditTrail trail(EntityManager em) {
    AuditTrail trail = new AuditTrail();
    trail.em = em;
    return trail;
  }
}
