package io.fileparser.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.notifications.entity.Notification;
import java.time.Instant;
import java.util.UUID;

/**
 * One notification as its recipient reads it.
 *
 * @param kind {@code job.completed}, {@code job.failed}, {@code job.needs_mapping}, {@code
 *     job.dead_lettered} or {@code webhook.endpoint_disabled}
 * @param eventId the job event it tells of ({@code <jobId>:<seq>}), if any
 * @param readAt when it was marked read; null while unread
 */
public record NotificationView(
    UUID id,
    String kind,
    UUID jobId,
    String eventId,
    String title,
    String message,
    Instant createdAt,
    Instant readAt) {

  public static NotificationView from(Notification n) {
    return new NotificationView(
        n.getId(),
        n.getKind(),
        n.getJobId(),
        n.getEventId(),
        n.getTitle(),
        n.getMessage(),
        n.getCreatedAt(),
        n.getReadAt());
  }

  /** Whether it has not been marked read. */
  public boolean isUnread() {
    return readAt == null;
  }

  /** Writes its members into {@code node}, leaving out those without a value. */
  void writeTo(ObjectNode node) {
    node.put("id", id.toString());
    node.put("kind", kind);
    if (jobId != null) {
      node.put("jobId", jobId.toString());
    }
    if (eventId != null) {
      node.put("eventId", eventId);
    }
    node.put("title", title);
    if (message != null) {
      node.put("message", message);
    }
    node.put("createdAt", createdAt.toString());
    if (readAt != null) {
      node.put("readAt", readAt.toString());
    }
  }
}
