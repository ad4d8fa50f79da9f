package io.fileparser.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A notification was written for {@code recipient}: fired in the writing transaction, observed
 * {@code AFTER_SUCCESS} by whoever delivers it (the instances' live sockets, Web Push), so nobody
 * hears of a change that was rolled back.
 */
public record NotificationRecorded(
    String tenantId, String recipient, NotificationView notification) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The message as every channel carries it: {@code {"type":"notification", "tenantId",
   * "recipient", "notification":{id, kind, jobId, eventId, title, message, createdAt}}}.
   */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "notification");
    node.put("tenantId", tenantId);
    node.put("recipient", recipient);
    notification.writeTo(node.putObject("notification"));
    return node.toString();
  }

  /** Whom a message {@link #toJson} wrote is for; empty for anything else. */
  static Optional<Address> addressOf(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (!"notification".equals(node.path("type").asText())
          || !node.path("tenantId").isTextual()
          || !node.path("recipient").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(
          new Address(node.path("tenantId").asText(), node.path("recipient").asText()));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A recipient within a tenant. */
  record Address(String tenantId, String recipient) {}
}
