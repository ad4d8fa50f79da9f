package io.fileparser.webhooks;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * One attempt to make, as claimed from the database: where, what, and the secrets to sign with (the
 * current one first, then the previous one during a rotation's overlap).
 */
public record Delivery(
    UUID messageId,
    UUID endpointId,
    URI url,
    String webhookId,
    String payload,
    List<String> secrets) {

  @Override
  public String toString() {
    return "Delivery[" + webhookId + " to endpoint " + endpointId + "]";
  }
}
