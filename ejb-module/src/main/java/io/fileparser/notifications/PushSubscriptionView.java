package io.fileparser.notifications;

import io.fileparser.notifications.entity.PushSubscription;
import java.time.Instant;
import java.util.UUID;

/** A Web Push subscription as its owner sees it (never its keys). */
public record PushSubscriptionView(UUID id, String endpoint, Instant createdAt) {

  static PushSubscriptionView from(PushSubscription s) {
    return new PushSubscriptionView(s.getId(), s.getEndpoint(), s.getCreatedAt());
  }
}
