package io.fileparser.monitoring;

/**
 * A rule's condition holding now, for one tenant (null for a platform rule) and subject (empty when
 * the rule has none): what fires an alert if none is firing for it.
 */
public record AlertCondition(
    String tenantId, String subject, Double value, Double threshold, String message) {

  public AlertCondition {
    subject = subject == null ? "" : subject;
  }

  /** What identifies the alert within its rule: one firing at a time per key. */
  String key() {
    return (tenantId == null ? "" : tenantId) + "\u0000" + subject;
  }
}
