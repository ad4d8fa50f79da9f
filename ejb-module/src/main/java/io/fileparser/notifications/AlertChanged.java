package io.fileparser.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * Hook: an alert rule fired or cleared. Fired by the monitoring capability in the transaction that
 * recorded it, so what it owes is written with it: a tenant's alert goes to the feed its admins and
 * owners share ({@link NotificationRecorder#ADMINS}) and to its webhook endpoints that want {@code
 * alert.fired} or {@code alert.cleared}; a platform alert ({@code tenantId} null) only to the
 * operator's alert list.
 *
 * @param subject what the alert is about within its rule (a webhook endpoint's id), or empty
 * @param value the figure that fired or cleared it, where there is one
 * @param threshold the rule's threshold, where there is one
 */
public record AlertChanged(
    UUID alertId,
    String tenantId,
    String rule,
    String subject,
    boolean firing,
    String message,
    Double value,
    Double threshold,
    Instant at) {

  public static final String FIRED = "alert.fired";
  public static final String CLEARED = "alert.cleared";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code alert.fired} or {@code alert.cleared}. */
  public String type() {
    return firing ? FIRED : CLEARED;
  }

  /** Whether {@code type} names an alert event (a webhook endpoint may ask for them). */
  public static boolean isType(String type) {
    return FIRED.equals(type) || CLEARED.equals(type);
  }

  /**
   * The event as webhook endpoints receive it, shaped like a job event: {@code {id, type, tenantId,
   * at, data: {alertId, rule, subject, state, message, value, threshold}}}; {@code id} differs
   * between the firing and the clearing of one alert.
   */
  public String toJson() {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", alertId + ":" + (firing ? "fired" : "cleared"));
    event.put("type", type());
    event.put("tenantId", tenantId);
    event.put("at", at.toString());
    ObjectNode data = event.putObject("data");
    data.put("alertId", alertId.toString());
    data.put("rule", rule);
    if (subject != null && !subject.isEmpty()) {
      data.put("subject", subject);
    }
    data.put("state", firing ? "FIRING" : "CLEARED");
    data.put("message", message);
    if (value != null) {
      data.put("value", value);
    }
    if (threshold != null) {
      data.put("threshold", threshold);
    }
    return event.toString();
  }
}
